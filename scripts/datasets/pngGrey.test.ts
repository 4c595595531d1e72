import { existsSync, readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { decodePngGrey, decodeSimpleGrey, decodeWithPngjs } from './pngGrey.ts';
import { listZip, readZipEntry } from './zip.ts';

const grey = (img: { width: number; height: number; data: Uint8Array; stride: number }) =>
  Array.from({ length: img.width * img.height }, (_, i) => img.data[i * img.stride]);

describe('PNG decoding', () => {
  it('matches pngjs on 8-bit greyscale images with every filter type', () => {
    const w = 13, h = 7;
    const png = new PNG({ width: w, height: h, colorType: 0, inputColorType: 0, bitDepth: 8, inputHasAlpha: false } as never);
    png.data = Buffer.from(Array.from({ length: w * h }, (_, i) => (i * 37 + (i % 5) * 101) & 255));
    for (const filterType of [-1, 0, 1, 2, 3, 4]) {
      const bytes = PNG.sync.write(png, { colorType: 0, inputColorType: 0, inputHasAlpha: false, filterType } as never);
      const fast = decodeSimpleGrey(bytes);
      expect(fast, `filter ${filterType}`).toBeDefined();
      expect(grey(fast!)).toEqual(grey(decodeWithPngjs(bytes)));
      expect(grey(fast!)).toEqual(Array.from(png.data));
    }
  });

  it('falls back to pngjs for colour images', () => {
    const png = new PNG({ width: 2, height: 1 });
    png.data = Buffer.from([10, 10, 10, 255, 200, 200, 200, 255]);
    const bytes = PNG.sync.write(png);
    expect(decodeSimpleGrey(bytes)).toBeUndefined();
    expect(grey(decodePngGrey(bytes))).toEqual([10, 200]);
  });

  const zip = new URL('../../../shared/datasets/omniglot/images_background_small1.zip', import.meta.url);
  it.skipIf(!existsSync(zip))('matches pngjs on real 1-bit Omniglot PNGs', () => {
    const bytes = new Uint8Array(readFileSync(zip));
    const entries = listZip(bytes).filter((e) => e.name.endsWith('.png')).slice(0, 50);
    expect(entries.length).toBe(50);
    for (const e of entries) {
      const png = readZipEntry(bytes, e);
      const fast = decodeSimpleGrey(png)!;
      expect(fast.width).toBe(105);
      expect(grey(fast)).toEqual(grey(decodeWithPngjs(png)));
    }
  });
});
