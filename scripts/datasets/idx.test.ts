import { gzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { buildIdxDataset } from './mnist.ts';
import { parseIdx, parseIdxMaybeGzip } from './idx.ts';

const idx = (dims: number[], data: number[]): Uint8Array => {
  const out = new Uint8Array(4 + 4 * dims.length + data.length);
  out.set([0, 0, 8, dims.length]);
  const dv = new DataView(out.buffer);
  dims.forEach((d, i) => dv.setUint32(4 + 4 * i, d, false));
  out.set(data, 4 + 4 * dims.length);
  return out;
};

describe('idx', () => {
  it('parses a hand-made images file (big-endian dims)', () => {
    const a = parseIdx(idx([3, 2, 2], [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]));
    expect(a.dims).toEqual([3, 2, 2]);
    expect(Array.from(a.data.subarray(8))).toEqual([9, 10, 11, 12]);
    expect(parseIdx(new Uint8Array([0, 0, 8, 1, 0, 0, 1, 0, ...new Array(256).fill(7)])).dims).toEqual([256]);
  });

  it('accepts gzip and rejects bad input', () => {
    expect(parseIdxMaybeGzip(gzipSync(idx([2], [4, 5]))).data).toEqual(new Uint8Array([4, 5]));
    expect(() => parseIdx(new Uint8Array([1, 2, 3, 4]))).toThrow(/magic/);
    expect(() => parseIdx(new Uint8Array([0, 0, 0x0d, 1, 0, 0, 0, 0]))).toThrow(/data type/);
    expect(() => parseIdx(idx([3], [1, 2]))).toThrow(/truncated/);
  });

  it('groups MNIST-style splits into (split, label) class blocks in original order', () => {
    const images = (vals: number[]) => idx([vals.length, 1, 2], vals.flatMap((v) => [v, v]));
    const ds = buildIdxDataset('tiny', [
      { split: 'train', images: images([10, 11, 12, 13]), labels: idx([4], [1, 0, 1, 0]) },
      { split: 'test', images: gzipSync(images([20])), labels: idx([1], [1]) },
    ], ['zero', 'one']);
    expect(ds.width).toBe(2);
    expect(ds.height).toBe(1);
    expect(Array.from(ds.images.filter((_, i) => i % 2 === 0))).toEqual([11, 13, 10, 12, 20]);
    expect(ds.classes.map((c) => [c.name, c.origin, c.sourceLabel, c.start, c.count])).toEqual([
      ['zero', 'train', 0, 0, 2], ['one', 'train', 1, 2, 2], ['zero', 'test', 0, 4, 0], ['one', 'test', 1, 4, 1],
    ]);
  });
});
