import { describe, expect, it } from 'vitest';
import { DATASET_FORMAT, DatasetFormatError, type DatasetIndex, parseDataset, validateDatasetIndex } from './format';

const index = (over: Partial<Record<keyof DatasetIndex, unknown>> = {}): Record<string, unknown> => ({
  format: DATASET_FORMAT,
  name: 'tiny',
  width: 2,
  height: 2,
  count: 3,
  images: 'images.u8',
  sha256: 'a'.repeat(64),
  source: 'hand-made',
  classes: [
    { id: 0, name: 'a', origin: 'train', sourceLabel: 0, start: 0, count: 2 },
    { id: 1, name: 'b', alphabet: 'X', origin: 'train', sourceLabel: 1, start: 2, count: 1 },
  ],
  ...over,
});
const bytes = new Uint8Array(12).map((_, i) => i);

describe('dataset format', () => {
  it('parses a valid index and bytes without copying the pixels', () => {
    const ds = parseDataset(index(), bytes);
    expect(ds.name).toBe('tiny');
    expect(ds.images).toBe(bytes);
    expect(ds.classes[1]).toEqual({ id: 1, name: 'b', alphabet: 'X', origin: 'train', sourceLabel: 1, start: 2, count: 1 });
  });

  it.each([
    [index({ format: 'other/2' }), /format is "other\/2", expected "backdoor-lab-dataset\/1"/],
    ['nope', /must contain a JSON object/],
    [index({ width: 0 }), /"width" must be a positive integer/],
    [index({ count: -1 }), /"count" must be a non-negative integer/],
    [index({ images: '../etc/passwd' }), /"images" must be a plain file name/],
    [index({ sha256: 'xyz' }), /"sha256"/],
    [index({ classes: {} }), /"classes" must be an array/],
    [index({ classes: [{ id: 1, name: 'a', origin: 'o', sourceLabel: 0, start: 0, count: 1 }] }), /classes\[0\]\.id must be 0/],
    [index({ classes: [{ id: 0, name: 'a', origin: 'o', sourceLabel: 0, start: 2, count: 2 }] }), /classes\[0\] \("a"\) covers images 2\.\.3, beyond count 3/],
    [index({ classes: [{ id: 0, name: 'a', origin: 'o', sourceLabel: 0.5, start: 0, count: 1 }] }), /sourceLabel must be an integer/],
    [index({ classes: [
      { id: 0, name: 'a', origin: 'o', sourceLabel: 0, start: 0, count: 2 },
      { id: 1, name: 'b', origin: 'o', sourceLabel: 1, start: 1, count: 2 },
    ] }), /class blocks overlap: classes\[0\] and classes\[1\]/],
  ])('rejects invalid index %#', (bad, message) => {
    expect(() => parseDataset(bad, bytes)).toThrow(DatasetFormatError);
    expect(() => validateDatasetIndex(bad)).toThrow(message);
  });

  it('rejects pixel data of the wrong size', () => {
    expect(() => parseDataset(index(), new Uint8Array(11))).toThrow(/images\.u8 has 11 bytes, expected 12 \(3 images of 2×2\)/);
  });
});
