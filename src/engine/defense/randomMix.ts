import * as tf from '@tensorflow/tfjs';
import type { ModelShape } from '../model/kind';
import { initModel } from '../model/registry';
import { disposeParams } from '../model/params';

/**
 * θ' = δθ + (1 − δ)θ_g with θ_g a fresh Glorot initialisation drawn from `seed` (Chen et al.
 * section 5, "to reduce the influence of the attacker's update"). δ = 1 returns a copy of θ,
 * δ = 0 exactly θ_g. Returns new tensors owned by the caller; θ is left untouched.
 */
export function mixWithFreshInit(theta: readonly tf.Tensor[], model: ModelShape, delta: number, seed: number): tf.Tensor[] {
  if (delta < 0 || delta > 1) throw new RangeError(`δ must be in [0, 1], got ${delta}`);
  if (delta === 1) return theta.map((t) => tf.clone(t));
  const g = initModel(model, seed);
  if (g.length !== theta.length) throw new Error(`θ has ${theta.length} tensors, the model ${g.length}`);
  const out = theta.map((t, i) => (delta === 0 ? tf.clone(g[i].tensor) : tf.tidy(() => tf.add(tf.mul(t, delta), tf.mul(g[i].tensor, 1 - delta)))));
  disposeParams(g);
  return out;
}
