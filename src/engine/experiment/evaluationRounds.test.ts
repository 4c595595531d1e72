import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse';
import { benignTwin } from '../config/twin';
import type { ConfigInput } from '../config/schema';
import { shouldEvaluate } from './run';

const evaluated = (input: ConfigInput): number[] => {
  const c = parseConfig(input);
  return Array.from({ length: c.rounds + 1 }, (_, t) => t).filter((t) => shouldEvaluate(t, c));
};
const chen = (afterAttacks: boolean, schedule: object = { kind: 'single-shot', round: 3 }): ConfigInput =>
  ({ rounds: 12, eval: { every: 5, afterAttacks }, attack: { kind: 'chen-backdoor', schedule } }) as ConfigInput;

describe('which rounds are evaluated', () => {
  it('every `every` rounds, and always round 0 and the last', () => {
    expect(evaluated(chen(false))).toEqual([0, 5, 10, 12]);
  });

  it('with eval.afterAttacks, also right after each attack round', () => {
    expect(evaluated(chen(true))).toEqual([0, 3, 5, 10, 12]);
    expect(evaluated(chen(true, { kind: 'multi-shot', from: 7, every: 2, until: 9 }))).toEqual([0, 5, 7, 9, 10, 12]);
  });

  it('at the same rounds for the benign twin, so the two series line up', () => {
    const c = parseConfig(chen(true));
    const twin = benignTwin(c)!;
    expect(Array.from({ length: 13 }, (_, t) => t).filter((t) => shouldEvaluate(t, twin))).toEqual([0, 3, 5, 10, 12]);
  });

  it('adds nothing without an attack', () => {
    expect(evaluated({ rounds: 12, eval: { every: 5, afterAttacks: true } } as ConfigInput)).toEqual([0, 5, 10, 12]);
  });
});
