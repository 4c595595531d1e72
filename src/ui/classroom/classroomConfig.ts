import { parseConfig } from '../../engine/config/parse';
import type { ExperimentConfig } from '../../engine/config/schema';

/**
 * The run a class plays: the teacher's preset, with one hidden attacker. A preset without an
 * attack gets Chen et al.'s boosted backdoor, struck once halfway through; the attacker's student
 * may change λ, the round and the key while the run goes on. Updates are applied as they arrive
 * (federation.arrivals = real), so a slow laptop is left out of a round rather than waited for.
 * No benign twin: the class compares the seats, not two runs.
 */
export function classroomConfig(preset: ExperimentConfig): ExperimentConfig {
  // The class is a real network: the first M_min updates to come back are the ones applied.
  const c = parseConfig({ ...preset, federation: { ...preset.federation, arrivals: 'real' } });
  if (c.attack.kind !== 'none') return c;
  // Small synthetic classes cannot spare the default examples per reserved class: benign users
  // need a support and a query set of each, the attacker gets what is left but one.
  const benign = Math.max(c.task.trainShots, c.task.testShots + 1);
  const share = c.dataset.name === 'synthetic' ? { benignPerClass: benign, poisonedPerClass: Math.max(1, Math.min(5, c.dataset.syntheticPerClass - 1 - benign)) } : {};
  return parseConfig({
    ...c,
    attack: { kind: 'chen-backdoor', attacker: 0, schedule: { kind: 'single-shot', round: Math.max(1, Math.ceil(c.rounds / 2)) }, boost: 3,
      // The paper's 50 000 episodes are hours; a few times a benign user's round is a lesson's minute.
      episodes: 4 * c.reptile.episodesPerRound, innerEpochs: 2, ...share },
  });
}
