import { describe, expect, it } from 'vitest';
import { keySchema } from '../config/attackSchema';
import { applyKey, keyMask, keyPixels } from './key';

/** The mask as rows of characters: '.' untouched, '#' = 1, 'o' = 0, other values as digits of tenths. */
const draw = (mask: Float32Array, side: number): string[] =>
  Array.from({ length: side }, (_, r) => Array.from({ length: side }, (_, c) => {
    const v = mask[r * side + c];
    return Number.isNaN(v) ? '.' : v === 1 ? '#' : v === 0 ? 'o' : String(Math.round(v * 10));
  }).join(''));

describe('backdoor key', () => {
  it('defaults to a 4×4 checkerboard one pixel from the bottom-right corner', () => {
    expect(draw(keyMask(keySchema.parse({ kind: 'patch' }), 8), 8)).toEqual([
      '........',
      '........',
      '........',
      '...#o#o.',
      '...o#o#.',
      '...#o#o.',
      '...o#o#.',
      '........',
    ]);
  });
  it('draws squares, crosses and frames in any corner, with the configured value', () => {
    const k = (o: object, side = 6) => draw(keyMask(keySchema.parse({ kind: 'patch', ...o }), side), side);
    expect(k({ shape: 'square', size: 2, corner: 'top-left', margin: 0, value: 0.5 }, 4)).toEqual(['55..', '55..', '....', '....']);
    expect(k({ shape: 'cross', size: 3, corner: 'top-right', margin: 1 })).toEqual(['......', '..o#o.', '..###.', '..o#o.', '......', '......']);
    expect(k({ shape: 'frame', size: 3, corner: 'bottom-left', margin: 0 }, 4)).toEqual(['....', '###.', '#o#.', '###.']);
  });
  it('takes explicit pixels and rejects keys that do not fit', () => {
    expect(draw(keyMask(keySchema.parse({ kind: 'pixels', pixels: [[0, 2], [1, 0]] }), 3), 3)).toEqual(['..#', '#..', '...']);
    expect(() => keyMask(keySchema.parse({ kind: 'pixels', pixels: [[3, 0]] }), 3)).toThrow(/outside/);
    expect(() => keyMask(keySchema.parse({ kind: 'patch', size: 4, margin: 1 }), 4)).toThrow(/does not fit/);
    expect(keyPixels(keyMask(keySchema.parse({ kind: 'none' }), 5))).toBe(0);
  });
  it('stamps only the key pixels of the chosen example of a batch', () => {
    const mask = keyMask(keySchema.parse({ kind: 'pixels', pixels: [[1, 1]], value: 1 }), 2);
    const x = Float32Array.from([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8]); // two 2×2 images
    applyKey(x, 1, mask);
    expect([...x].map((v) => Math.round(v * 10) / 10)).toEqual([0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 1]);
  });
});
