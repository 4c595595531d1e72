import * as tf from '@tensorflow/tfjs';
import { crossEntropy, toTensors } from '../learners/reptile/learner';
import type { EpisodeSource } from '../learners/types';
import type { Rng } from '../rng';

export type HessianEstimator = 'squared-gradients' | 'hutchinson';
export type HessianScale = 'paper' | 'mean-1';

/** Finite-difference step of the Hutchinson Hessian-vector products. */
const FD_EPS = 1e-3;

function gradsOn(theta: readonly tf.Tensor[], x: tf.Tensor4D, y: tf.Tensor1D): tf.Tensor[] {
  const { grads, value } = tf.valueAndGrads((...ws: tf.Tensor[]) => crossEntropy(ws, x, y))([...theta]);
  value.dispose();
  return grads;
}

/**
 * An estimate of the diagonal of the Hessian of the main-task loss at θ (Zhou et al. eq. 3's
 * h_i), averaged over `samples` benign episodes from `source`:
 * - 'squared-gradients': the square of each episode's mean-loss gradient g, averaged over
 *   episodes, E[g ⊙ g] (always ≥ 0). A coarse stand-in for the Fisher diagonal (which squares
 *   per-example gradients), biased as tested in hessianDiag.test.ts: on a dense layer it
 *   estimates (mean(p − y))², not mean p(1 − p);
 * - 'hutchinson': E[z ⊙ Hz] over Rademacher vectors z, with Hz by central differences of the
 *   gradient, (∇L(θ + εz) − ∇L(θ − εz)) / 2ε, ε = 1e-3 (tfjs has no second-order gradients for
 *   every Conv4 op); the average's negative entries are replaced by their magnitude. A step of
 *   1e-3 crosses ReLU and max-pool kinks, so on Conv4 it can be off by tens of percent from the
 *   coordinate-wise diagonal; it is exact on smooth (dense) parts.
 * `scale` 'paper' returns that estimate as it is (Zhou's h_i, in the loss's units per squared
 * parameter, so ρ2 Σ h_i (Δθ_i)² is in loss units as in eq. 3); 'mean-1' divides it by its mean
 * over all parameters (ρ2 then in units of the average curvature, all ones where h is zero
 * everywhere). Returns tensors shaped like θ, owned by the caller.
 */
export function hessianDiagonal(theta: readonly tf.Tensor[], source: EpisodeSource, estimator: HessianEstimator, samples: number, rng: Rng, scale: HessianScale = 'paper'): tf.Tensor[] {
  let acc = theta.map((t) => tf.zerosLike(t));
  const add = (terms: tf.Tensor[]) => {
    const next = acc.map((a, i) => tf.add(a, terms[i]));
    tf.dispose([...acc, ...terms]);
    acc = next;
  };
  for (let s = 0; s < samples; s++) {
    const { x, y } = toTensors(source.next(rng));
    if (estimator === 'squared-gradients') {
      const g = gradsOn(theta, x, y);
      add(g.map((t) => tf.square(t)));
      tf.dispose(g);
    } else {
      const z = theta.map((t) => tf.tensor(Float32Array.from({ length: t.size }, () => (rng.next() < 0.5 ? -1 : 1)), t.shape));
      const plus = theta.map((t, i) => tf.tidy(() => tf.add(t, tf.mul(z[i], FD_EPS))));
      const minus = theta.map((t, i) => tf.tidy(() => tf.sub(t, tf.mul(z[i], FD_EPS))));
      const gp = gradsOn(plus, x, y), gm = gradsOn(minus, x, y);
      add(z.map((zi, i) => tf.tidy(() => tf.mul(zi, tf.div(tf.sub(gp[i], gm[i]), 2 * FD_EPS)))));
      tf.dispose([...z, ...plus, ...minus, ...gp, ...gm]);
    }
    tf.dispose([x, y]);
  }
  // The sum over samples, made their mean (and the magnitude of any negative average).
  const abs = acc.map((a) => tf.tidy(() => tf.div(tf.abs(a), samples)));
  tf.dispose(acc);
  if (scale === 'paper') return abs;
  return meanOne(abs, theta.reduce((n, t) => n + t.size, 0));
}

/** h / mean(h) over `size` parameters, or all ones when h is zero everywhere; disposes h. */
function meanOne(acc: tf.Tensor[], size: number): tf.Tensor[] {
  // On the device (no read back).
  const out = tf.tidy(() => {
    const mean = tf.div(tf.addN(acc.map((a) => tf.sum(a))), size);
    const pos = tf.cast(tf.greater(mean, 0), 'float32');
    const safe = tf.maximum(mean, 1e-30); // float32: Number.MIN_VALUE would round to 0
    return acc.map((a) => tf.add(tf.mul(tf.div(a, safe), pos), tf.sub(1, pos)));
  });
  tf.dispose(acc);
  return out;
}
