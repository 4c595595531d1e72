import type { ExperimentConfig } from '../../engine/config/schema';

const COUPLED = ['federation.users', 'federation.perRound', 'reptile.episodesPerRound', 'model.kind'];

/**
 * Sliders move one field at a time; the schema's cross-field rules (M_min ≤ M_round ≤ M,
 * B ≤ E) would reject many moves. After `path` changes, the dependent field follows instead.
 */
export function reconcile(prev: ExperimentConfig, next: ExperimentConfig, path: string): ExperimentConfig {
  // Other paths pass through untouched: rebuilding the sections would turn `federation = 0`
  // into `{}` (all defaults) instead of leaving the bad value for the schema to name.
  if (!COUPLED.includes(path)) return next;
  // Only Conv4 has a width knob: another kind refuses any filters but the default.
  if (path === 'model.kind') return next.model.kind === 'conv4' ? next : { ...next, model: { ...next.model, filters: 64 } };
  const f = { ...next.federation };
  const r = { ...next.reptile };
  if (path === 'federation.users') {
    f.perRound = Math.min(f.perRound, f.users);
  }
  if (path === 'federation.users' || path === 'federation.perRound') {
    // "Wait for every selected user" (M_min = M_round) stays that way as M_round moves.
    if (prev.federation.minUpdates === prev.federation.perRound) f.minUpdates = f.perRound;
    f.minUpdates = Math.min(f.minUpdates, f.perRound);
  }
  if (path === 'reptile.episodesPerRound') r.metaBatch = Math.min(r.metaBatch, r.episodesPerRound);
  return { ...next, federation: f, reptile: r };
}
