import { describe, expect, it } from 'vitest';
import { BINS, inspectRound } from './inspectorStats';

const u = (seat: number, round: number, values: number[]) => ({ seat, round, delta: new Float32Array(values), student: null });

describe('inspectRound', () => {
  it('gives each seat its norm, the pairwise distances and histograms on one shared axis', () => {
    const r = inspectRound([u(1, 2, [0, 0, 3, 4]), u(0, 2, [0, 0, 0, 0]), u(2, 1, [9, 9, 9, 9])], 2)!;
    expect(r.seats).toEqual([0, 1]); // round 2 only, by seat
    expect(r.norms).toEqual([0, 5]);
    expect(r.distances).toEqual([[0, 5], [5, 0]]);
    expect(r.limit).toBe(4);
    expect(r.histograms[0][(BINS - 1) / 2]).toBe(4); // all zeros in the middle bin
    expect(r.histograms[1][BINS - 1]).toBe(1); // the 4 in the last bin
    expect(r.histograms.map((h) => h.reduce((a, b) => a + b, 0))).toEqual([4, 4]);
  });
  it('is null for a round with no updates', () => {
    expect(inspectRound([], 1)).toBeNull();
  });
});
