import { describe, expect, it } from 'vitest';
import { add, distance, dot, lerp, mean, norm, scale, sub, weightedSum } from './vec';

const v = (...x: number[]) => Float32Array.from(x);

describe('flat vector maths', () => {
  it('adds, subtracts and scales element-wise', () => {
    expect([...add(v(1, 2), v(3, 5))]).toEqual([4, 7]);
    expect([...sub(v(1, 2), v(3, 5))]).toEqual([-2, -3]);
    expect([...scale(v(1, -2), 3)]).toEqual([3, -6]);
  });
  it('interpolates: t = 0 gives a, t = 1 gives b, t = 0.25 a quarter of the way', () => {
    expect([...lerp(v(0, 4), v(8, 0), 0)]).toEqual([0, 4]);
    expect([...lerp(v(0, 4), v(8, 0), 1)]).toEqual([8, 0]);
    expect([...lerp(v(0, 4), v(8, 0), 0.25)]).toEqual([2, 3]);
  });
  it('weighted sum and mean', () => {
    expect([...weightedSum([v(1, 0), v(0, 1), v(2, 2)], [0.5, 0.25, 0.25])]).toEqual([1, 0.75]);
    expect([...mean([v(1, 2), v(3, 4)])]).toEqual([2, 3]);
  });
  it('norms and distances of a 3-4-5 triangle', () => {
    expect(norm(v(3, 4))).toBe(5);
    expect(dot(v(1, 2), v(3, 4))).toBe(11);
    expect(distance(v(1, 1), v(4, 5))).toBe(5);
  });
  it('rejects vectors of different lengths', () => {
    expect(() => add(v(1), v(1, 2))).toThrow(/lengths differ/);
    expect(() => weightedSum([v(1)], [1, 2])).toThrow(/weights/);
  });
});
