import * as tf from '@tensorflow/tfjs';
import type { ImageDataset } from '../../data/types';
import { createRng, type Rng } from '../../rng';
import { innerAdam, type ReptileConfig } from './reptile';
import { accuracy, fit, predict } from './learner';
import type { ClassRef } from '../../data/classRef';
import { sampleEpisode, type Episode } from '../../tasks/episodes';
import type { Batch } from '../../data/batch';

export interface Score {
  accuracy: number;
  /** Episodes averaged. */
  episodes: number;
}

export interface EvalOptions {
  ways: number;
  shots: number;
  /** Fine-tuning Adam steps on the support set. */
  steps: number;
  episodes: number;
  querySource: 'train' | 'val';
  seed: number;
}

/** Fine-tune a copy of θ on an episode's support set with a fresh Adam (θ is left untouched). */
export function adapt(theta: readonly tf.Tensor[], support: Batch, steps: number, r: ReptileConfig, rng: Rng): tf.Tensor[] {
  const adam = innerAdam(r);
  const w = fit(theta, support, steps, r.innerBatch, adam, rng);
  adam.dispose();
  return w;
}

/**
 * Few-shot accuracy: for each episode, fine-tune θ on K examples per class and classify the
 * held-out queries. The same seed gives the same episodes, so successive rounds are compared
 * on identical tasks.
 */
export async function fewShotAccuracy(theta: readonly tf.Tensor[], ds: ImageDataset, pool: readonly ClassRef[], o: EvalOptions, r: ReptileConfig): Promise<Score> {
  const rng = createRng(o.seed);
  let sum = 0;
  for (let e = 0; e < o.episodes; e++) {
    const ep: Episode = sampleEpisode(ds, pool, { ways: o.ways, shots: o.shots, queries: 1, querySource: o.querySource }, rng);
    const w = adapt(theta, ep.support, o.steps, r, rng);
    try {
      sum += accuracy(await predict(w, ep.query), ep.query.y);
    } finally {
      tf.dispose(w);
    }
  }
  return { accuracy: sum / o.episodes, episodes: o.episodes };
}
