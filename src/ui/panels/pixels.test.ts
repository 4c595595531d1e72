import { describe, expect, it } from 'vitest';
import { putPixels, zoomFor } from './pixels';

const image = (w: number) => ({ data: new Uint8ClampedArray(w * w * 4), width: w, height: w, colorSpace: 'srgb' }) as ImageData;

describe('episode pixels', () => {
  it('draws greyscale ink dark on white, and RGB as it is', () => {
    const grey = image(2);
    putPixels(grey, Float32Array.of(0, 1, 0.5, 0.2), 0, 2, 1, 1);
    expect(Array.from(grey.data)).toEqual([255, 255, 255, 255, 0, 0, 0, 255, 127, 127, 127, 255, 204, 204, 204, 255]);
    const rgb = image(2); // image 1 of two 1×1 RGB images, zoomed 2×
    putPixels(rgb, Float32Array.of(0, 0, 0, 1, 0.5, 0), 1, 1, 3, 2);
    expect(Array.from(rgb.data)).toEqual([255, 128, 0, 255, 255, 128, 0, 255, 255, 128, 0, 255, 255, 128, 0, 255]);
  });

  it('zooms glyphs 2× and 84×84 images 1×', () => {
    expect([zoomFor(28), zoomFor(84)]).toEqual([2, 1]);
  });
});
