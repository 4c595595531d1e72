import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/schema';
import type { ImageDataset } from '../data/types';
import type { ServerValidation } from '../fed/detectors/types';
import { learnerFor } from '../learners/registry';
import type { Setup } from '../learners/types';
import { unpackParams } from '../model/params';

/**
 * The server's validation set for accuracy checking (Bhagoji et al. 3.3.1), the same on every
 * call, so that θ_G + δ_i of different clients and rounds are compared on identical tasks.
 */
export function createServerValidation(ds: ImageDataset, setup: Setup, config: ExperimentConfig): ServerValidation {
  return {
    async accuracy(weights, o) {
      const theta = unpackParams(setup.spec, weights).map((p) => p.tensor);
      try {
        return await learnerFor(config).validationAccuracy(theta, ds, setup, config, o);
      } finally {
        tf.dispose(theta);
      }
    },
  };
}
