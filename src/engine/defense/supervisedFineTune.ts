import * as tf from '@tensorflow/tfjs';
import type { FineTuneConfig } from '../config/schema';
import { Adam } from '../optim/adam';
import { minibatches, probabilities, trainStep } from '../learners/reptile/learner';
import { sliceBatch } from '../data/batch';
import { checkpoints, type FineTuneContext, type FineTuner } from './types';

type SupervisedConfig = Extract<FineTuneConfig, { kind: 'supervised' }>;

/**
 * Benign supervised fine-tuning (Chen et al. Experiments 2 and 3): the meta-testing procedure run
 * for many more iterations — Adam with learning rate η on minibatches of b support examples,
 * with the whole Conv4 (classifier included) trainable.
 */
export function createSupervised(c: SupervisedConfig, ctx: FineTuneContext): FineTuner {
  return {
    kind: 'supervised',
    async run(start, support, at, rng) {
      const adam = new Adam({ lr: c.lr, beta1: ctx.reptile.beta1, beta2: ctx.reptile.beta2 });
      const marks = new Set(checkpoints(c.iterations, c.every));
      let w = start.map((t) => tf.clone(t));
      try {
        await at(0, (b) => probabilities(w, b));
        for (const [k, rows] of minibatches(support.n, ctx.reptile.innerBatch, c.iterations, rng).entries()) {
          const { w: next } = trainStep(w, sliceBatch(support, rows), adam);
          tf.dispose(w);
          w = next;
          const current = w;
          if (marks.has(k + 1)) await at(k + 1, (b) => probabilities(current, b));
        }
      } finally {
        tf.dispose(w);
        adam.dispose();
      }
    },
  };
}
