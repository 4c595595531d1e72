import type { ExperimentConfig } from './schema';
import { changedPaths, getPath, withPath } from './paths';

/**
 * Settings that define the experiment itself — the data, the model's shape, the users and where
 * θ_G starts. Changing one means a new run. Every other field (rounds, learning rates, shots,
 * users per round, evaluation, and by default attack and defense knobs) can change between rounds:
 * runFederation's `currentConfig` hook and the clients' `configure()` pick it up.
 */
export const RESTART_PREFIXES = ['seed', 'dataset', 'model', 'task.ways', 'federation.users', 'init'] as const;

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
  for (const p of RESTART_PREFIXES) out = withPath(out, p, getPath(running, p));
  return out;
}
