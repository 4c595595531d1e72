import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/schema';
import type { ImageDataset } from '../data/types';
import { learnerFor } from '../learners/registry';
import type { Evaluation, Setup } from '../learners/types';
import { unpackParams } from '../model/params';

export type { Evaluation };

export interface Evaluator {
  /** θ_G's metrics under the config's (live) settings. */
  evaluate(weights: Float32Array, config: ExperimentConfig): Promise<Evaluation>;
}

/** Evaluates θ_G with the mode's learner, on the same (seeded) episodes or examples every time. */
export function createEvaluator(ds: ImageDataset, setup: Setup): Evaluator {
  return {
    async evaluate(weights, config) {
      const theta = unpackParams(setup.spec, weights).map((p) => p.tensor);
      try {
        return await learnerFor(config).evaluate(theta, ds, setup, config);
      } finally {
        tf.dispose(theta);
      }
    },
  };
}
