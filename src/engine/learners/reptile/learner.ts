import * as tf from '@tensorflow/tfjs';
import { modelLogits } from '../../model/forward';
import type { TrainingPass } from '../../model/kind';
import type { Adam } from '../../optim/adam';
import type { Rng } from '../../rng';
import { sliceBatch, type Batch } from '../../data/batch';

/** Extra loss on the weights (attacks add distance or Hessian-weighted penalties here). */
export type WeightPenalty = (w: readonly tf.Tensor[]) => tf.Scalar;

export const toTensors = (b: Batch) => ({
  x: tf.tensor4d(b.x, [b.n, b.side, b.side, b.channels ?? 1]),
  y: tf.tensor1d(b.y, 'int32'),
});

/** Mean softmax cross-entropy of the model on (x, y); `pass` in a training step (dropout). */
export function crossEntropy(w: readonly tf.Tensor[], x: tf.Tensor4D, y: tf.Tensor1D, pass?: TrainingPass): tf.Scalar {
  return tf.tidy(() => {
    const logits = modelLogits(w, x, pass);
    return tf.losses.softmaxCrossEntropy(tf.oneHot(y, logits.shape[1]), logits) as tf.Scalar;
  });
}

/**
 * Minibatch order of Reptile's reference code: shuffle the examples, walk through them in
 * batches, reshuffle when they run out.
 */
export function minibatches(n: number, batch: number, steps: number, rng: Rng): number[][] {
  const size = Math.min(batch, n);
  const out: number[][] = [];
  let order: number[] = [];
  for (let s = 0; s < steps; s++) {
    if (order.length < size) order = order.concat(rng.shuffle(Array.from({ length: n }, (_, i) => i)));
    out.push(order.splice(0, size));
  }
  return out;
}

/**
 * One Adam step on a batch; returns the new weights. Disposes nothing the caller owns. The loss is
 * not read back: a synchronous read per step stalls GPU backends.
 */
export function trainStep(w: readonly tf.Tensor[], batch: Batch, adam: Adam, penalty?: WeightPenalty): { w: tf.Tensor[] } {
  const { x, y } = toTensors(batch);
  const f = (...ws: tf.Tensor[]) => {
    const ce = crossEntropy(ws, x, y);
    return penalty ? tf.add(ce, penalty(ws)) as tf.Scalar : ce;
  };
  const { value, grads } = tf.valueAndGrads(f)([...w]);
  const next = adam.step(w, grads);
  tf.dispose([x, y, value, ...grads]);
  return { w: next };
}

/**
 * `steps` Adam steps on minibatches of `data`, starting from `w` (left untouched).
 * Returns new weights owned by the caller.
 */
export function fit(w: readonly tf.Tensor[], data: Batch, steps: number, batch: number, adam: Adam, rng: Rng, penalty?: WeightPenalty): tf.Tensor[] {
  let cur: tf.Tensor[] = w.map((t) => tf.clone(t));
  for (const rows of minibatches(data.n, batch, steps, rng)) {
    const { w: next } = trainStep(cur, sliceBatch(data, rows), adam, penalty);
    tf.dispose(cur);
    cur = next;
  }
  return cur;
}

/** Read a tensor computed by `f` asynchronously, then dispose it. */
async function readBack<T extends Float32Array | Int32Array>(f: () => tf.Tensor): Promise<T> {
  const t = tf.tidy(f);
  try {
    return (await t.data()) as T;
  } finally {
    t.dispose();
  }
}

/** Predicted labels for a batch, evaluated as one batch (batch norm uses its statistics). */
export function predict(w: readonly tf.Tensor[], data: Batch): Promise<Int32Array> {
  return readBack(() => {
    const { x, y } = toTensors(data);
    y.dispose();
    return tf.argMax(modelLogits(w, x), 1);
  });
}

/** Softmax probabilities (n × ways) of a batch, evaluated as one batch. */
export function probabilities(w: readonly tf.Tensor[], data: Batch): Promise<Float32Array> {
  return readBack(() => {
    const { x, y } = toTensors(data);
    y.dispose();
    return tf.softmax(modelLogits(w, x));
  });
}

export function accuracy(pred: Int32Array, y: Int32Array): number {
  let ok = 0;
  for (let i = 0; i < y.length; i++) if (pred[i] === y[i]) ok++;
  return y.length ? ok / y.length : 0;
}
