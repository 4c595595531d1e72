import * as tf from '@tensorflow/tfjs';
import type { SupervisedConfig } from '../../config/supervisedSchema';
import type { ImageDataset } from '../../data/types';
import { modelLogits, modelOfWeights } from '../../model/forward';
import type { TrainingPass } from '../../model/kind';
import { Adam } from '../../optim/adam';
import type { OptimiserSlot } from '../../optim/slot';
import { crossEntropy, toTensors, type WeightPenalty } from '../reptile/learner';
import type { EpisodeSource } from '../types';
import type { Rng } from '../../rng';
import type { ClassRef } from '../../data/classRef';
import { concatBatches, makeBatch, type Batch } from '../../data/batch';
import { labelOf } from './split';

/**
 * Local supervised training (FedAvg clients, Bhagoji et al., Zhou et al.): minibatches of
 * labelled examples and plain optimiser steps. Sources share the EpisodeSource shape (`next`
 * returns a batch), so attacks build the same objectives in both modes.
 */
export interface LabelledItem { index: number; label: number }

/** A batch whose examples may weigh differently in the loss (0: only there for batch-norm statistics). */
export type WeightedBatch = Batch & { weight?: Float32Array };

const weightsOf = (b: WeightedBatch): Float32Array => b.weight ?? new Float32Array(b.n).fill(1);

export const labelledItems = (ds: ImageDataset, refs: readonly ClassRef[]): LabelledItem[] =>
  refs.flatMap((r) => r.train.map((index) => ({ index, label: labelOf(ds, r.cls) })));

/** Minibatches walking through shuffled passes over `items` (reshuffled when they run out). */
export function minibatchSource(ds: ImageDataset, items: readonly LabelledItem[], batch: number): EpisodeSource {
  if (!items.length) throw new RangeError('no training examples');
  let order: number[] = [];
  return {
    next(rng: Rng): Batch {
      const size = Math.min(batch, items.length);
      while (order.length < size) order = order.concat(rng.shuffle(items.map((_, i) => i)));
      return makeBatch(ds, order.splice(0, size).map((i) => ({ ...items[i], rotation: 0 })));
    },
  };
}

/** Both sources' batches in one (Bhagoji's concatenated training: clean batch + malicious examples). */
export const concatSources = (a: EpisodeSource, b: EpisodeSource): EpisodeSource => ({
  next(rng): WeightedBatch {
    const x: WeightedBatch = a.next(rng), y: WeightedBatch = b.next(rng);
    const both = concatBatches(x, y);
    if (!x.weight && !y.weight) return both;
    const w = new Float32Array(both.n);
    w.set(weightsOf(x));
    w.set(weightsOf(y), x.n);
    return { ...both, weight: w };
  },
});

/** Cross-entropy averaged over the examples with weight > 0 (batch norm still sees every example). */
function weightedCrossEntropy(w: readonly tf.Tensor[], x: tf.Tensor4D, y: tf.Tensor1D, weight: tf.Tensor1D, pass?: TrainingPass): tf.Scalar {
  return tf.tidy(() => {
    const logits = modelLogits(w, x, pass);
    return tf.losses.softmaxCrossEntropy(tf.oneHot(y, logits.shape[1]), logits, weight, undefined, tf.Reduction.SUM_BY_NONZERO_WEIGHTS) as tf.Scalar;
  });
}

/** Optimiser steps per local round: `epochs` passes over `n` examples. */
export const stepsPerRound = (s: SupervisedConfig, n: number): number => s.epochs * Math.ceil(n / s.batch);

/**
 * `steps` optimiser steps (Adam with β = (0.9, 0.999), or SGD) from `w` (left untouched) on
 * batches of `source`, minimising cross-entropy plus the optional penalty, with the model's
 * dropout (supervised.dropout). A fresh optimiser each call, as a FedAvg client starts each round,
 * unless a slot carries one over.
 */
export function localTrain(w: readonly tf.Tensor[], source: EpisodeSource, steps: number, s: SupervisedConfig, rng: Rng, penalty?: WeightPenalty, slot?: OptimiserSlot): tf.Tensor[] {
  const make = () => new Adam({ lr: s.lr, beta1: 0.9, beta2: 0.999 });
  const adam = s.optimizer !== 'adam' ? null : slot ? slot.take(make) : make();
  // Only a model with dropout draws a mask seed per step, so the others' runs keep their batches.
  const dropout = s.dropout && (modelOfWeights(w).dropout?.length ?? 0) > 0;
  let cur: tf.Tensor[] = w.map((t) => tf.clone(t));
  for (let k = 0; k < steps; k++) {
    const b: WeightedBatch = source.next(rng);
    const pass = dropout ? { seed: rng.int(2 ** 31) } : undefined;
    const { x, y } = toTensors(b);
    const weight = b.weight ? tf.tensor1d(b.weight) : null;
    const f = (...ws: tf.Tensor[]) => {
      const ce = weight ? weightedCrossEntropy(ws, x, y, weight, pass) : crossEntropy(ws, x, y, pass);
      return penalty ? (tf.add(ce, penalty(ws)) as tf.Scalar) : ce;
    };
    const { value, grads } = tf.valueAndGrads(f)([...cur]);
    const next = adam ? adam.step(cur, grads) : cur.map((p, i) => tf.tidy(() => tf.sub(p, tf.mul(grads[i], s.lr))));
    tf.dispose([x, y, value, ...grads, ...cur, ...(weight ? [weight] : [])]);
    cur = next;
  }
  if (!slot) adam?.dispose();
  return cur;
}
