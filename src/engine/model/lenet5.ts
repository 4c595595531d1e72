import * as tf from '@tensorflow/tfjs';
import type { ModelDef, ModelShape } from './kind';
import type { ParamSpec } from './params';

/**
 * LeNet-5 (LeCun et al. 1998) in the form used for MNIST today and by Zhou et al. 2021, who train
 * "LetNet [42]" on MNIST in PyTorch 1.7 without describing it further:
 *
 *   conv 6@5×5, padding 2 (SAME: 28×28 stays 28×28, as the original's 32×32 input) → ReLU → 2×2 max-pool
 *   → conv 16@5×5, no padding → ReLU → 2×2 max-pool → FC 120 → ReLU → FC 84 → ReLU → FC `ways`.
 *
 * On 28×28×1 with 10 classes: 28 → 28 → 14 → 10 → 5, so 5·5·16 = 400 features into FC 120.
 * Weights: conv1 5·5·1·6 + 6 = 156; conv2 5·5·6·16 + 16 = 2,416; fc1 400·120 + 120 = 48,120;
 * fc2 120·84 + 84 = 10,164; dense 84·10 + 10 = 850; in all 61,706.
 *
 * ReLU and max-pooling rather than the 1998 paper's scaled tanh and trainable subsampling (and
 * its partial C3 connectivity): that is the LeNet-5 of the PyTorch/Keras MNIST examples Zhou et
 * al.'s code base descends from, and ReLU trains in the few local epochs the presets can afford.
 * No batch norm, so unlike Conv4 an example's logits do not depend on the rest of its batch.
 * Glorot-uniform initialisation (init.ts), as every kind here, not PyTorch's default.
 */

const C1 = 6, C2 = 16, F1 = 120, F2 = 84, K = 5;

/** Side of the last feature map: SAME conv, pool (floor), VALID 5×5 conv, pool (floor). */
export function lenetFeatureSide(imageSize: number): number {
  const side = Math.floor((Math.floor(imageSize / 2) - (K - 1)) / 2);
  if (side < 1) throw new Error(`imageSize ${imageSize} is too small for LeNet-5 (need ≥ 12)`);
  return side;
}

export const lenetEmbeddingSize = (): number => F2;

export function lenet5Spec(m: ModelShape): ParamSpec[] {
  const flat = lenetFeatureSide(m.imageSize) ** 2 * C2;
  return [
    { name: 'conv1/kernel', shape: [K, K, m.channels, C1] },
    { name: 'conv1/bias', shape: [C1] },
    { name: 'conv2/kernel', shape: [K, K, C1, C2] },
    { name: 'conv2/bias', shape: [C2] },
    { name: 'fc1/kernel', shape: [flat, F1] },
    { name: 'fc1/bias', shape: [F1] },
    { name: 'fc2/kernel', shape: [F1, F2] },
    { name: 'fc2/bias', shape: [F2] },
    { name: 'dense/kernel', shape: [F2, m.ways] },
    { name: 'dense/bias', shape: [m.ways] },
  ];
}

const dense = (h: tf.Tensor2D, kernel: tf.Tensor, bias: tf.Tensor): tf.Tensor2D =>
  tf.add(tf.matMul(h, kernel as tf.Tensor2D), bias) as tf.Tensor2D;

/** The 84 features of FC 84 (after its ReLU). */
export function lenet5Embed(w: readonly tf.Tensor[], x: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const [k1, b1, k2, b2, f1, c1, f2, c2] = w;
    let h: tf.Tensor4D = tf.relu(tf.add(tf.conv2d(x, k1 as tf.Tensor4D, 1, 'same'), b1)) as tf.Tensor4D;
    h = tf.maxPool(h, 2, 2, 'valid');
    h = tf.relu(tf.add(tf.conv2d(h, k2 as tf.Tensor4D, 1, 'valid'), b2)) as tf.Tensor4D;
    h = tf.maxPool(h, 2, 2, 'valid');
    const flat = tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D;
    return tf.relu(dense(tf.relu(dense(flat, f1, c1)), f2, c2));
  });
}

export function lenet5Logits(w: readonly tf.Tensor[], x: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => dense(lenet5Embed(w, x), w[8], w[9]));
}

export const lenet5: ModelDef<'lenet5'> = {
  kind: 'lenet5',
  title: 'LeNet-5 (LeCun et al. 1998; Zhou et al. 2021 on MNIST)',
  spec: lenet5Spec,
  logits: lenet5Logits,
  embed: lenet5Embed,
  embeddingSize: lenetEmbeddingSize,
};
