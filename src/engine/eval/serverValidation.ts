import * as tf from '@tensorflow/tfjs';
import type { ImageDataset } from '../data/types';
import type { ServerValidation } from '../fed/detectors/types';
import { unpackParams } from '../model/params';
import { deriveSeed } from '../rng';
import type { Experiment } from '../experiment/experiment';
import { metaTrainPool } from '../tasks/classSplit';
import { testAccuracy } from '../learners/fedavg/evaluate';
import { fewShotAccuracy } from '../learners/reptile/fewShot';

/**
 * The server's validation set for accuracy checking (Bhagoji et al. 3.3.1): few-shot episodes
 * over the meta-training classes with queries from their held-out validation examples, seeded
 * apart from the evaluation's episodes and the same on every call, so that θ_G + δ_i of
 * different clients and rounds are compared on identical tasks.
 */
export function createServerValidation(ds: ImageDataset, exp: Experiment): ServerValidation {
  return {
    accuracy(weights, o) {
      const { config: c, spec, split } = exp;
      const theta = unpackParams(spec, weights).map((p) => p.tensor);
      try {
        // Supervised mode: plain accuracy on 20 × episodes examples of the test set.
        if (c.mode === 'supervised') return testAccuracy(theta, ds, split.metaTest, c.task.ways, 20 * o.episodes);
        return fewShotAccuracy(theta, ds, metaTrainPool(split), {
          ways: c.task.ways, shots: c.task.testShots, steps: o.steps, episodes: o.episodes,
          querySource: 'val', seed: deriveSeed(c.seed, 'server-validation'),
        }, c.reptile).accuracy;
      } finally {
        tf.dispose(theta);
      }
    },
  };
}
