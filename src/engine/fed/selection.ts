import type { ExperimentConfig } from '../config/schema';
import type { Rng } from '../rng';

/** M_round users chosen uniformly at random, returned sorted by id. */
export function selectUsers(users: readonly number[], perRound: number, rng: Rng): number[] {
  if (perRound > users.length) throw new RangeError(`cannot select ${perRound} of ${users.length} users`);
  return rng.sample(users.length, perRound).map((i) => users[i]).sort((a, b) => a - b);
}

/**
 * The first M_min updates "received": arrival order is simulated as a seeded random permutation
 * of the selected users, so which updates are dropped is reproducible.
 */
export function firstArrivals(selected: readonly number[], minUpdates: number, rng: Rng): number[] {
  return rng.shuffle([...selected]).slice(0, minUpdates).sort((a, b) => a - b);
}

export interface Roster {
  /** Users the server draws from at random. */
  eligible: number[];
  /** Users selected, and applied, whatever the draw (an attacker at its attack rounds). */
  forced: number[];
}

/**
 * Who the server may select in round t beyond a plain random draw. The coordinator knows nothing
 * of attacks: an attack's schedule comes in as a policy (attacks/selection.ts).
 */
export interface SelectionPolicy {
  roster(c: ExperimentConfig, t: number, users: readonly number[]): Roster;
  /** Malicious users among the applied ones (for stealth figures and chart markers). */
  attackersIn(c: ExperimentConfig, t: number, applied: readonly number[]): number[];
}

/** Every user is drawn alike and none is malicious. */
export const openSelection: SelectionPolicy = {
  roster: (_c, _t, users) => ({ eligible: [...users], forced: [] }),
  attackersIn: () => [],
};
