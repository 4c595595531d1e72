import * as tf from '@tensorflow/tfjs';
import type { WeightPenalty } from '../learners/reptile/learner';
import { add } from '../model/vec';

/**
 * Extra loss terms on the weights for stealthy attacks. Each returns a WeightPenalty that reads
 * (but does not own) the given anchor tensors; the caller disposes them after training.
 */

/**
 * The anchor that turns a distance between updates into one between weights: ‖(w − θ_G) − δ̄‖ =
 * ‖w − (θ_G + δ̄)‖ for a reference update δ̄ (Zhou's Δ̄_ben, Bhagoji's δ̄_benign), θ_G without one.
 */
export const distanceAnchor = (global: Float32Array, reference: Float32Array | null): Float32Array =>
  reference ? add(global, reference) : global;

/** ρ·‖w − anchor‖₂ (Bhagoji's distance constraint; anchor θ_G, or θ_G + δ̄_benign). */
export function distancePenalty(anchor: readonly tf.Tensor[], rho: number): WeightPenalty {
  return (w) => tf.tidy(() => {
    const sq = tf.addN(w.map((x, i) => tf.sum(tf.square(tf.sub(x, anchor[i])))));
    // The small constant keeps the gradient of the square root finite at w = anchor.
    return tf.mul(tf.sqrt(tf.add(sq, 1e-12)), rho) as tf.Scalar;
  });
}

/** ρ·Σ_i h_i (w_i − anchor_i)²: Zhou's curvature-weighted penalty (h ≈ diag of the main-task Hessian). */
export function curvaturePenalty(anchor: readonly tf.Tensor[], h: readonly tf.Tensor[], rho: number): WeightPenalty {
  return (w) => tf.tidy(() =>
    tf.mul(tf.addN(w.map((x, i) => tf.sum(tf.mul(h[i], tf.square(tf.sub(x, anchor[i])))))), rho) as tf.Scalar);
}
