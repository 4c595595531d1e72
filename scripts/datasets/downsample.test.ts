import { describe, expect, it } from 'vitest';
import { createAreaResampler, LUT_BOOL_TRUE_IS_BACKGROUND, LUT_IDENTITY, LUT_INVERT } from './downsample.ts';

describe('area downsampling', () => {
  it('averages 2×2 blocks for 4×4 → 2×2', () => {
    // prettier-ignore
    const src = new Uint8Array([
      0, 255, 10, 10,
      255, 0, 20, 20,
      100, 100, 0, 0,
      100, 100, 0, 255,
    ]);
    const out = new Uint8Array(4);
    createAreaResampler(4, 4, 2, 2).resample(src, 0, 1, LUT_IDENTITY, out, 0);
    expect(Array.from(out)).toEqual([128, 15, 100, 64]); // 127.5→128, 15, 100, 63.75→64
  });

  it('weights partially covered pixels: 3 → 2 pixels wide', () => {
    // Output pixel 0 covers source [0, 1.5): 1 × p0 + 0.5 × p1.
    const out = new Uint8Array(2);
    createAreaResampler(3, 1, 2, 1).resample(new Uint8Array([255, 0, 90]), 0, 1, LUT_IDENTITY, out, 0);
    expect(Array.from(out)).toEqual([170, 60]); // (255 + 0)/1.5, (0 + 90)/1.5
  });

  it('keeps an all-ink 105×105 image all-ink at 28×28 and all-background empty', () => {
    const r = createAreaResampler(105, 105, 28, 28);
    const out = new Uint8Array(784);
    r.resample(new Uint8Array(105 * 105), 0, 1, LUT_BOOL_TRUE_IS_BACKGROUND, out, 0); // False = ink everywhere
    expect(out.every((v) => v === 255)).toBe(true);
    r.resample(new Uint8Array(105 * 105).fill(1), 0, 1, LUT_BOOL_TRUE_IS_BACKGROUND, out, 0);
    expect(out.every((v) => v === 0)).toBe(true);
  });

  it('handles a single ink pixel of a 105×105 image by its covered fraction', () => {
    // Source pixel (3,3) spans [3,4)²; output pixel 0 spans [0,3.75)² → covers 0.75² of it.
    const src = new Uint8Array(105 * 105).fill(255);
    src[3 * 105 + 3] = 0;
    const out = new Uint8Array(784);
    createAreaResampler(105, 105, 28, 28).resample(src, 0, 1, LUT_INVERT, out, 0);
    expect(out[0]).toBe(Math.round((255 * 0.75 * 0.75) / (3.75 * 3.75)));
    expect(out[1]).toBe(Math.round((255 * 0.25 * 0.75) / (3.75 * 3.75)));
    expect(out[29]).toBe(Math.round((255 * 0.25 * 0.25) / (3.75 * 3.75)));
    expect(out.reduce((a, b) => a + b, 0)).toBe(out[0] + out[1] + out[28] + out[29]);
  });

  it('reads strided sources (RGBA) at an offset', () => {
    const rgba = new Uint8Array(3 + 2 * 2 * 4);
    [0, 0, 255, 255].forEach((v, i) => { rgba[3 + i * 4] = v; });
    const out = new Uint8Array(2);
    createAreaResampler(2, 2, 1, 1).resample(rgba, 3, 4, LUT_INVERT, out, 1);
    expect(out[1]).toBe(128);
  });
});
