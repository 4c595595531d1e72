import { describe, expect, it } from 'vitest';
import { withPath } from '../../engine/config/paths';
import { presetConfig } from '../url/configUrl';
import { attackRounds } from './attackRounds';

describe('attackRounds', () => {
  it('marks the scheduled rounds, and none without an attack', () => {
    const c = withPath(presetConfig('synthetic-tiny'), 'rounds', 10);
    expect(attackRounds(c)).toEqual([]);
    const single = withPath(c, 'attack', { kind: 'chen-backdoor', schedule: { kind: 'single-shot', round: 4 } });
    expect(attackRounds(single as typeof c)).toEqual([4]);
    const multi = withPath(c, 'attack', { kind: 'chen-backdoor', schedule: { kind: 'multi-shot', from: 3, every: 3 } });
    expect(attackRounds(multi as typeof c)).toEqual([3, 6, 9]);
  });
});
