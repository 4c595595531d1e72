import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse';
import { makeBatch, sliceBatch, concatBatches } from './batch';
import { datasetIndexFor, parseDataset } from './format';
import { applyKey, keyMask, keyMaskFor, keyPixels } from './key';
import { subsetForUser } from './subset';
import { hsv, syntheticRgbGlyphs } from './syntheticRgb';
import type { ImageDataset } from './types';

/** One class of two 2×2 RGB images: pixel p of image i is (10i + p, 100 + 10i + p, 200 + 10i + p). */
const tiny: ImageDataset = {
  name: 'rgb', width: 2, height: 2, channels: 3,
  images: Uint8Array.from({ length: 2 * 4 * 3 }, (_, j) => { const i = Math.floor(j / 12), p = Math.floor(j / 3) % 4, c = j % 3; return 100 * c + 10 * i + p; }),
  classes: [{ id: 0, name: 'a', origin: 'test', sourceLabel: 0, start: 0, count: 2 }],
};

describe('RGB images', () => {
  it('batches keep each pixel\'s three channels together, also when rotated', () => {
    const b = makeBatch(tiny, [{ index: 1, rotation: 1, label: 0 }]);
    expect(b).toMatchObject({ n: 1, side: 2, channels: 3 });
    // Rotated 90° counter-clockwise: output (0,0) reads input (0,1) = pixel 1, output (0,1) reads (1,1) = pixel 3.
    expect(Array.from(b.x, (v) => Math.round(v * 255))).toEqual([11, 111, 211, 13, 113, 213, 10, 110, 210, 12, 112, 212]);
    const two = concatBatches(b, makeBatch(tiny, [{ index: 0, rotation: 0, label: 1 }]));
    expect(two.x.length).toBe(24);
    expect(sliceBatch(two, [1])).toEqual({ ...makeBatch(tiny, [{ index: 0, rotation: 0, label: 1 }]) });
  });

  it('greyscale batches look exactly as before (no channels field)', () => {
    const grey: ImageDataset = { ...tiny, channels: undefined, images: tiny.images.subarray(0, 8), width: 2, height: 2 };
    expect('channels' in makeBatch(grey, [{ index: 0, rotation: 0, label: 0 }])).toBe(false);
  });

  it('a key stamps all three channels of its pixels', () => {
    const mask = keyMask({ kind: 'pixels', pixels: [[0, 1]], value: 1 }, 2, 3);
    expect(Array.from(mask, (v) => (Number.isNaN(v) ? -1 : v))).toEqual([-1, -1, -1, 1, 1, 1, -1, -1, -1, -1, -1, -1]);
    expect(keyPixels(mask, 3)).toBe(1);
    const x = new Float32Array(24);
    applyKey(x, 1, keyMaskFor({ kind: 'pixels', pixels: [[1, 1]], value: 0.5 }, tiny));
    expect(Array.from(x.subarray(12))).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0.5, 0.5, 0.5]);
  });

  it('the format records channels 3, checks the byte count against it, and user subsets keep it', () => {
    const index = datasetIndexFor(tiny, { sha256: '0'.repeat(64), source: 't' });
    expect(index).toMatchObject({ channels: 3, count: 2 });
    expect(parseDataset(index, tiny.images)).toMatchObject({ channels: 3 });
    expect(() => parseDataset(index, tiny.images.subarray(0, 8))).toThrow('has 8 bytes, expected 24 (2 images of 2×2×3)');
    expect(() => parseDataset({ ...index, channels: 4 }, tiny.images)).toThrow('"channels" must be 1 or 3');
    const sub = subsetForUser(tiny, [{ cls: 0, rotation: 0, train: [1], val: [] }]);
    expect(sub.ds.channels).toBe(3);
    expect(Array.from(sub.ds.images)).toEqual(Array.from(tiny.images.subarray(12)));
  });

  it('coloured glyphs: hsv by hand, same seed same bytes, grey strokes painted in colour', () => {
    expect(hsv(0, 1, 1)).toEqual([1, 0, 0]);
    expect(hsv(1 / 3, 1, 1).map((v) => Math.round(v * 1e9) / 1e9)).toEqual([0, 1, 0]);
    expect(hsv(0.5, 0, 0.4)).toEqual([0.4, 0.4, 0.4]);
    const a = syntheticRgbGlyphs({ seed: 5, classes: 3, perClass: 2, size: 16 });
    expect(a).toMatchObject({ name: 'synthetic-rgb', width: 16, channels: 3 });
    expect(a.images.length).toBe(3 * 2 * 16 * 16 * 3);
    expect(syntheticRgbGlyphs({ seed: 5, classes: 3, perClass: 2, size: 16 }).images).toEqual(a.images);
    expect(parseConfig({ dataset: { name: 'synthetic-rgb' } }).dataset.name).toBe('synthetic-rgb');
  });
});
