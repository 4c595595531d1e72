import { describe, expect, it } from 'vitest';
import { stepsPerEpoch } from './reptile';

describe('inner epochs', () => {
  it('an epoch is one pass over the episode in inner batches of b', () => {
    expect(stepsPerEpoch(50, 10)).toBe(5); // 10-shot 5-way, b = 10: Chen's attacker, 50 epochs = 250 steps
    expect(stepsPerEpoch(25, 10)).toBe(3); // 5-shot 5-way: the last batch is short
    expect(stepsPerEpoch(75, 10)).toBe(8); // 15-shot 5-way (mini-ImageNet)
    expect(stepsPerEpoch(10, 10)).toBe(1);
  });
});
