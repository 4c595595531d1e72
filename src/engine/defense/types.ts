import type * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/schema';
import type { ModelShape } from '../model/kind';
import type { Rng } from '../rng';
import type { Batch } from '../data/batch';
import type { Probabilities } from '../tasks/backdoorProbe';

/** Class probabilities (n × ways) of a batch under the model as it is at a checkpoint. */
export type Classify = Probabilities;

/** Curves drawn per benign user during fine-tuning (Chen et al. Figs. 5–10). */
export type FineTuneMetric = 'mainTaskAccuracy' | 'metaTestAccuracy' | 'attackTrainSuccess' | 'attackValSuccess';

/** Something measured on an episode at every checkpoint: a score in [0, 1]. */
export interface Probe {
  metric: FineTuneMetric;
  score(classify: Classify): Promise<number>;
}

/** One fine-tuning task: the labelled support set trained on, and what is measured while training. */
export interface FineTuneEpisode {
  support: Batch;
  probes: Probe[];
}

/** Where a benign user's fine-tuning episodes come from (benign data, plus the attack's probes). */
export interface FineTuneTasks {
  /** One draw of episodes for `user` (e.g. a main-task episode and a meta-testing episode). */
  draw(user: number, rng: Rng): FineTuneEpisode[];
}

export interface FineTuneContext {
  model: ModelShape;
  reptile: ExperimentConfig['reptile'];
}

/**
 * A client-side post-training defense: fine-tunes a copy of θ' (left untouched) on a support set
 * and calls `at(iteration, classify)` at iteration 0 (before training) and at each checkpoint,
 * waiting for it (the probes read back asynchronously).
 */
export interface FineTuner {
  readonly kind: string;
  run(start: readonly tf.Tensor[], support: Batch, at: (iteration: number, classify: Classify) => Promise<void>, rng: Rng): Promise<void>;
}

/** Iterations at which curves get a point: 0, every, 2·every, …, and the last one. */
export function checkpoints(iterations: number, every: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < iterations; i += every) out.push(i);
  out.push(iterations);
  return out;
}
