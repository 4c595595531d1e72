import { isAttackRound } from '../../engine/config/schedule';
import type { ExperimentConfig } from '../../engine/config/schema';

/** Rounds at which the attacker strikes (the charts mark them), from the attack's schedule. */
export function attackRounds(config: ExperimentConfig, limit = 60): number[] {
  const out: number[] = [];
  for (let t = 1; t <= config.rounds && out.length < limit; t++) if (isAttackRound(config, t)) out.push(t);
  return out;
}
