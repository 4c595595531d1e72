import type { ExperimentConfig } from './schema';
import { changedPaths, getPath, withoutPath, withPath } from './paths';

/**
 * Settings that define the experiment itself — the data, the model's shape, the users, where θ_G
 * starts and who attacks with which data. Changing one means a new run. Every other field (rounds, learning rates, shots,
 * users per round, evaluation, and by default attack and defense knobs) can change between rounds:
 * runFederation's `currentConfig` hook and the clients' `configure()` pick it up.
 */
export const RESTART_PREFIXES = [
  'seed', 'dataset', 'model', 'task.ways', 'federation.users', 'init',
  // Who attacks, and the backdoor data split (built once per experiment), are part of the setup;
  // λ, the schedule, the attacker's training and the key can change between rounds.
  'attack.kind', 'attack.attacker', 'attack.scenario', 'attack.benignPerClass', 'attack.poisonedPerClass',
] as const;

export const needsRestart = (path: string): boolean =>
  RESTART_PREFIXES.some((p) => path === p || path.startsWith(`${p}.`));

/** Changed fields that only take effect after a restart. */
export function restartChanges(running: ExperimentConfig, next: ExperimentConfig): string[] {
  return changedPaths(running, next).filter(needsRestart);
}

/**
 * What a running experiment can take from `next` now: every live field of `next`, with the
 * restart-only fields kept as they are in `running`.
 */
export function liveConfig(running: ExperimentConfig, next: ExperimentConfig): ExperimentConfig {
  let out = next;
  for (const p of RESTART_PREFIXES) {
    const v = getPath(running, p);
    out = v === undefined ? withoutPath(out, p) : withPath(out, p, v); // e.g. attack.attacker without an attack
  }
  return out;
}
