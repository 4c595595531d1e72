import { describe, expect, it } from 'vitest';
import { seatPlan } from './seatPlan';

describe('seatPlan', () => {
  it('puts the chosen student in the attacker\'s seat and the rest in join order', () => {
    expect(seatPlan(['a', 'b', 'c'], 4, 0, 'b', 7)).toEqual({ seats: ['b', 'a', 'c', null], attacker: 'b' });
    expect(seatPlan(['a', 'b', 'c'], 4, 2, 'c', 0)).toEqual({ seats: ['a', 'b', 'c', null], attacker: 'c' });
  });
  it('draws the attacker when asked, and keeps extra students out of the federation', () => {
    expect(seatPlan(['a', 'b', 'c'], 2, 1, 'random', 4)).toEqual({ seats: ['a', 'b'], attacker: 'b' });
    expect(seatPlan(['a', 'b'], 3, 0, 'gone', 0).attacker).toBe('a'); // a choice who left: drawn instead
  });
  it('seats everyone benign without an attack, and simulates an empty class', () => {
    expect(seatPlan(['a'], 3, null, 'a', 0)).toEqual({ seats: ['a', null, null], attacker: null });
    expect(seatPlan([], 2, 0, 'random', 0)).toEqual({ seats: [null, null], attacker: null });
  });
});
