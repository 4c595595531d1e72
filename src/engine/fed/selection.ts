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
