import { describe, expect, it } from 'vitest';
import { createRng, deriveSeed } from './rng';

describe('seeded randomness', () => {
  it('repeats exactly for the same seed and differs for another', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(Array.from({ length: 5 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 5 }, () => c.next())).not.toEqual(xs);
    xs.forEach((x) => { expect(x).toBeGreaterThanOrEqual(0); expect(x).toBeLessThan(1); });
  });
  it('derives distinct, stable seeds per label', () => {
    expect(deriveSeed(1, 'client', 2, 'round', 3)).toBe(deriveSeed(1, 'client', 2, 'round', 3));
    const seeds = new Set([deriveSeed(1, 'client', 2), deriveSeed(1, 'client', 3), deriveSeed(2, 'client', 2), deriveSeed(1, 'client2')]);
    expect(seeds.size).toBe(4);
  });
  it('samples distinct indices and shuffles into a permutation', () => {
    const r = createRng(3);
    const s = r.sample(10, 10);
    expect([...s].sort((x, y) => x - y)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(() => r.sample(3, 4)).toThrow();
    const counts = new Array(4).fill(0);
    for (let i = 0; i < 4000; i++) counts[r.int(4)]++;
    counts.forEach((n) => expect(n).toBeGreaterThan(850));
  });
});
