import * as tf from '@tensorflow/tfjs';

/** Kernel a backend may register to fuse an Adam update (see kernels/adamUpdate.ts). */
export const AdamUpdate = 'LabAdamUpdate';

export interface AdamUpdateAttrs {
  /** Learning rate with the bias corrections folded in. */
  lr: number;
  beta1: number;
  beta2: number;
  epsilon: number;
}

export interface AdamUpdated {
  p: tf.Tensor;
  v: tf.Tensor;
  /** The new first moment, or null when there is none (beta1 = 0: it would equal g). */
  m: tf.Tensor | null;
}

/**
 * One Adam update of one parameter: v' = β2·v + (1−β2)·g², m' = β1·m + (1−β1)·g (or g without
 * first moments), p' = p − lr·m'/(sqrt(v') + ε). New tensors; the inputs are left alone.
 * A single kernel where the backend registers one (wasm), else the same maths in tfjs ops.
 */
export function adamUpdate(p: tf.Tensor, g: tf.Tensor, v: tf.Tensor, m: tf.Tensor | null, attrs: AdamUpdateAttrs): AdamUpdated {
  if (p.dtype === 'float32' && tf.getKernel(AdamUpdate, tf.getBackend())) {
    const inputs: tf.NamedTensorMap = m ? { p, g, v, m } : { p, g, v };
    const [p2, v2, m2] = tf.engine().runKernel(AdamUpdate, inputs, { ...attrs }) as tf.Tensor[];
    return { p: p2, v: v2, m: m2 ?? null };
  }
  const { lr, beta1, beta2, epsilon } = attrs;
  const [p2, v2, m2] = tf.tidy(() => {
    const vNew = tf.add(tf.mul(v, beta2), tf.mul(tf.square(g), 1 - beta2));
    const mNew = m ? tf.add(tf.mul(m, beta1), tf.mul(g, 1 - beta1)) : null;
    const pNew = tf.sub(p, tf.div(tf.mul(mNew ?? g, lr), tf.add(tf.sqrt(vNew), epsilon)));
    return mNew ? [pNew, vNew, mNew] : [pNew, vNew];
  });
  return { p: p2, v: v2, m: m2 ?? null };
}
