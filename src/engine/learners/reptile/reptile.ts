import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../config/schema';
import type { ImageDataset } from '../../data/types';
import { Adam } from '../../optim/adam';
import type { Rng } from '../../rng';
import type { EpisodeSource } from '../types';
import type { ClassRef } from '../../data/classRef';
import { sampleEpisode } from '../../tasks/episodes';
import type { Batch } from '../../data/batch';
import { fit, type WeightPenalty } from './learner';

export type ReptileConfig = ExperimentConfig['reptile'];

/** Adam steps in one inner epoch: one pass over an episode's examples in inner batches of b. */
export const stepsPerEpoch = (examples: number, innerBatch: number): number => Math.ceil(examples / innerBatch);

export const innerAdam = (r: ReptileConfig): Adam => new Adam({ lr: r.innerLr, beta1: r.beta1, beta2: r.beta2 });

/**
 * One Reptile outer step: from θ, adapt on each episode of the meta-batch with e inner steps,
 * then θ ← θ + ε·(mean_j θ_j − θ). Returns the new θ; `theta` is left untouched.
 */
export function reptileStep(theta: readonly tf.Tensor[], episodes: readonly Batch[], r: ReptileConfig, adam: Adam, rng: Rng, penalty?: WeightPenalty): tf.Tensor[] {
  const sums = theta.map((t) => tf.zerosLike(t));
  for (const ep of episodes) {
    const adapted = fit(theta, ep, r.innerSteps, r.innerBatch, adam, rng, penalty);
    adapted.forEach((a, i) => {
      const s = tf.add(sums[i], a);
      sums[i].dispose();
      sums[i] = s;
    });
    tf.dispose(adapted);
  }
  const next = outerUpdate(theta, sums, episodes.length, r.outerLr);
  tf.dispose(sums);
  return next;
}

/** θ + ε·(Σθ_j / n − θ): the Reptile outer step from the sum of the n adapted weights. */
export function outerUpdate(theta: readonly tf.Tensor[], sums: readonly tf.Tensor[], n: number, eps: number): tf.Tensor[] {
  return tf.tidy(() => theta.map((t, i) => tf.add(t, tf.mul(tf.sub(tf.div(sums[i], n), t), eps))));
}

/** Benign episodes: N random classes from the user's pool, K examples each. */
export function benignEpisodes(ds: ImageDataset, pool: readonly ClassRef[], ways: number, shots: number): EpisodeSource {
  return { next: (rng) => sampleEpisode(ds, pool, { ways, shots, queries: 0, querySource: 'train' }, rng).support };
}

/**
 * A user's local meta-training for one round: E episodes in meta-batches of B, from θ.
 * Returns the final local weights (owned by the caller).
 */
export function metaTrain(theta: readonly tf.Tensor[], source: EpisodeSource, r: ReptileConfig, episodes: number, adam: Adam, rng: Rng, penalty?: WeightPenalty): tf.Tensor[] {
  let cur = theta.map((t) => tf.clone(t));
  for (let done = 0; done < episodes; done += r.metaBatch) {
    const batch = Array.from({ length: Math.min(r.metaBatch, episodes - done) }, () => source.next(rng));
    const next = reptileStep(cur, batch, r, adam, rng, penalty);
    tf.dispose(cur);
    cur = next;
  }
  return cur;
}
