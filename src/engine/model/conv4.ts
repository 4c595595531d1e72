import * as tf from '@tensorflow/tfjs';
import { batchNormTrain } from '../backend/batchNormTrain';
import { glorotParams } from './init';
import type { ModelDef } from './kind';
import type { ParamSpec, Params } from './params';

/**
 * Conv4 (Vinyals et al.; the model of Reptile and Chen et al.): 4 × [3×3 conv, batch norm,
 * ReLU, 2×2 max-pool] then a dense layer and softmax. Written functionally over an ordered
 * parameter list so that weights can be averaged, interpolated and shipped between workers.
 *
 * Batch norm always normalises with the statistics of the batch it is given and keeps no
 * running averages: at test time a query batch is normalised with its own statistics
 * (transductive, as in Reptile's Omniglot experiments). Every parameter is therefore trainable
 * and federated averaging needs no special case for running statistics.
 */
export interface Conv4Shape {
  filters: number;
  imageSize: number;
  channels: number;
  ways: number;
}

const BN_EPS = 1e-5;
export const CONV_LAYERS = 4;

/**
 * Spatial side after the 4 SAME-padded 2×2 pools (28 → 14 → 7 → 4 → 2), as in the Conv4 of
 * Reptile and Chen et al. (TensorFlow's `max_pooling2d(..., padding='same')`): a 28×28 image
 * ends as 2×2×F features.
 */
export function featureSide(imageSize: number): number {
  if (imageSize < 2 ** CONV_LAYERS) throw new Error(`imageSize ${imageSize} is too small for 4 pooling layers (need ≥ 16)`);
  let s = imageSize;
  for (let i = 0; i < CONV_LAYERS; i++) s = Math.ceil(s / 2);
  return s;
}

export const embeddingSize = (m: Conv4Shape): number => featureSide(m.imageSize) ** 2 * m.filters;

export function conv4Spec(m: Conv4Shape): ParamSpec[] {
  const spec: ParamSpec[] = [];
  for (let l = 0; l < CONV_LAYERS; l++) {
    const cin = l === 0 ? m.channels : m.filters;
    spec.push(
      { name: `conv${l}/kernel`, shape: [3, 3, cin, m.filters] },
      { name: `conv${l}/bias`, shape: [m.filters] },
      { name: `bn${l}/gamma`, shape: [m.filters] },
      { name: `bn${l}/beta`, shape: [m.filters] },
    );
  }
  spec.push({ name: 'dense/kernel', shape: [embeddingSize(m), m.ways] }, { name: 'dense/bias', shape: [m.ways] });
  return spec;
}

/** Glorot-uniform kernels, zero biases, unit gammas: deterministic from the seed on every backend. */
export const initConv4 = (m: Conv4Shape, seed: number): Params => glorotParams(conv4Spec(m), seed);

/** Features before the classifier: [batch, embeddingSize]. `w` is the parameter list's tensors in spec order. */
export function conv4Embed(w: readonly tf.Tensor[], x: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    let h: tf.Tensor4D = x;
    for (let l = 0; l < CONV_LAYERS; l++) {
      const [kernel, bias, gamma, beta] = w.slice(4 * l, 4 * l + 4);
      h = tf.add(tf.conv2d(h, kernel as tf.Tensor4D, 1, 'same'), bias) as tf.Tensor4D;
      // Batch norm + ReLU: one fused kernel each way on wasm, tf.moments + tf.batchNorm + tf.relu elsewhere.
      h = tf.maxPool(batchNormTrain(h, gamma as tf.Tensor1D, beta as tf.Tensor1D, BN_EPS, true), 2, 2, 'same');
    }
    return tf.reshape(h, [h.shape[0], -1]);
  });
}

export function conv4Logits(w: readonly tf.Tensor[], x: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => {
    const f = conv4Embed(w, x);
    const [kernel, bias] = w.slice(4 * CONV_LAYERS);
    return tf.add(tf.matMul(f, kernel as tf.Tensor2D), bias) as tf.Tensor2D;
  });
}

export const conv4: ModelDef<'conv4'> = {
  kind: 'conv4',
  title: 'Conv4 (Vinyals et al. 2016)',
  spec: conv4Spec,
  logits: conv4Logits,
  embed: conv4Embed,
  embeddingSize,
};
