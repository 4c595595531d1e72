import { isAttackRound, isScheduled } from '../config/schedule';
import type { ExperimentConfig } from '../config/schema';
import type { Roster, SelectionPolicy } from '../fed/selection';

/**
 * The attack's schedule as the server's selection policy: at attack rounds the attacker is among
 * the selected and applied users; in between and after, it is left out (Chen: selected exactly
 * once), drawn like any user (`betweenAttacks: 'benign'`) or selected and applied every round
 * (`'selected'`, Zhou's SA_t / MA_t: "the malicious client is assumed to be selected each
 * round"), training honestly outside attack rounds either way.
 */
export function roster(c: ExperimentConfig, t: number, users: readonly number[]): Roster {
  const a = c.attack;
  if (a.kind === 'none' || !users.includes(a.attacker)) return { eligible: [...users], forced: [] };
  const benign = users.filter((u) => u !== a.attacker);
  if (isScheduled(a.schedule, t) || a.betweenAttacks === 'selected') return { eligible: benign, forced: [a.attacker] };
  return { eligible: a.betweenAttacks === 'benign' ? [...users] : benign, forced: [] };
}

/** Malicious users among `applied` in round t. */
export const attackersIn = (c: ExperimentConfig, t: number, applied: readonly number[]): number[] =>
  isAttackRound(c, t) && c.attack.kind !== 'none' && applied.includes(c.attack.attacker) ? [c.attack.attacker] : [];

export const attackSelection: SelectionPolicy = { roster, attackersIn };
