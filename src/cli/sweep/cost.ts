import type { ExperimentConfig } from '../../engine/config/schema';
import { shouldEvaluate } from '../../engine/experiment/run';

/**
 * A rough cost of a run in training steps, for the ETA: meta-training, the attacker's training,
 * evaluations and fine-tuning. Only the ratios between jobs matter.
 */
export function jobCost(c: ExperimentConfig): number {
  const evals = Array.from({ length: c.rounds + 1 }, (_, t) => t).filter((t) => shouldEvaluate(t, c)).length;
  const evalSteps = evals * c.eval.episodes * c.eval.steps * 4;
  const train = c.rounds * c.federation.perRound * c.reptile.episodesPerRound * c.reptile.innerSteps;
  const attack = c.attack.kind === 'none' ? 0 : ('episodes' in c.attack ? c.attack.episodes : 0) * ('innerEpochs' in c.attack ? c.attack.innerEpochs * 5 : 1);
  const ft = c.defense.fineTune;
  const fineTune = ft.kind === 'none' ? 0 : c.federation.users * ft.episodes * (ft.iterations + (Math.floor(ft.iterations / ft.every) + 1) * 40);
  return evalSteps + train + attack + fineTune;
}
