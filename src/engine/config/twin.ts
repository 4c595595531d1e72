import type { ExperimentConfig } from './schema';

/**
 * The benign twin of an attacked config: the same seed, split, schedule and evaluation, with the
 * attacker training honestly (attack.twin). Every attack figure is read against it. Null
 * without an attack, where the run is its own baseline.
 */
export function benignTwin(c: ExperimentConfig): ExperimentConfig | null {
  return c.attack.kind === 'none' ? null : { ...c, attack: { ...c.attack, twin: true } };
}
