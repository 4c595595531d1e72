import * as tf from '@tensorflow/tfjs';
import type { ModelDef, ModelShape, TrainingPass } from './kind';
import { deriveSeed } from '../rng';
import type { ParamSpec } from './params';

/**
 * Bhagoji et al. 2019's Fashion-MNIST CNN ("a Convolutional Neural Network achieving 91.7%
 * accuracy on the test set"; the paper text in shared/papers has lost the appendix table that
 * lists its layers). Taken from the authors' code, github.com/inspire-group/ModelPoisoning:
 * utils/mnist.py `modelA`, the default (`--model_num 0`, `--dataset fMNIST` in global_vars.py):
 *
 *   Conv2D 64@5×5 (VALID) → ReLU → Conv2D 64@5×5 (VALID) → ReLU → Dropout 0.25 → Flatten
 *   → Dense 128 → ReLU → Dropout 0.5 → Dense `ways`.
 *
 * No pooling: on 28×28×1 the maps are 24×24 then 20×20, 20·20·64 = 25,600 features into Dense 128.
 * Weights: conv1 5·5·1·64 + 64 = 1,664; conv2 5·5·64·64 + 64 = 102,464;
 * fc 25,600·128 + 128 = 3,276,928; dense 128·10 + 10 = 1,290; in all 3,382,346 (97% in fc).
 *
 * Dropout acts in training steps only: the learner hands each step's forward pass a seed
 * (`TrainingPass`), and the masks are drawn from it, so runs repeat; evaluation, the server's
 * accuracy check and the attacks' curvature estimates see the whole network, as Keras evaluates it.
 * It is inverted dropout (kept units scaled by 1/(1 − rate)), Keras' `Dropout`.
 * `supervised.dropout: false` trains without it. Glorot-uniform kernels and zero biases are
 * Keras' defaults, as in init.ts.
 */

const C = 64, F = 128, K = 5;
/** Model A's dropout rates: after the second convolution, after Dense 128. */
const DROPOUT = [0.25, 0.5] as const;

/** Inverted dropout with a seeded mask: each unit kept with probability 1 − rate and scaled by 1/(1 − rate). */
export function seededDropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  return tf.tidy(() => tf.div(tf.mul(x, tf.cast(tf.greaterEqual(tf.randomUniform(x.shape, 0, 1, 'float32', seed), rate), 'float32')), 1 - rate));
}

const maybeDropout = <T extends tf.Tensor>(x: T, layer: number, pass?: TrainingPass): T =>
  pass ? (seededDropout(x, DROPOUT[layer], deriveSeed(pass.seed, 'dropout', layer)) as T) : x;

/** Side after two VALID 5×5 convolutions. */
export function cnnFeatureSide(imageSize: number): number {
  const side = imageSize - 2 * (K - 1);
  if (side < 1) throw new Error(`imageSize ${imageSize} is too small for the Fashion-MNIST CNN (need ≥ 9)`);
  return side;
}

export const cnnEmbeddingSize = (): number => F;

export function fmnistCnnSpec(m: ModelShape): ParamSpec[] {
  const flat = cnnFeatureSide(m.imageSize) ** 2 * C;
  return [
    { name: 'conv1/kernel', shape: [K, K, m.channels, C] },
    { name: 'conv1/bias', shape: [C] },
    { name: 'conv2/kernel', shape: [K, K, C, C] },
    { name: 'conv2/bias', shape: [C] },
    { name: 'fc1/kernel', shape: [flat, F] },
    { name: 'fc1/bias', shape: [F] },
    { name: 'dense/kernel', shape: [F, m.ways] },
    { name: 'dense/bias', shape: [m.ways] },
  ];
}

/** The 128 features of Dense 128 (after its ReLU, and its dropout in a training pass). */
export function fmnistCnnEmbed(w: readonly tf.Tensor[], x: tf.Tensor4D, pass?: TrainingPass): tf.Tensor2D {
  return tf.tidy(() => {
    const [k1, b1, k2, b2, f, c] = w;
    let h: tf.Tensor4D = tf.relu(tf.add(tf.conv2d(x, k1 as tf.Tensor4D, 1, 'valid'), b1)) as tf.Tensor4D;
    h = maybeDropout(tf.relu(tf.add(tf.conv2d(h, k2 as tf.Tensor4D, 1, 'valid'), b2)) as tf.Tensor4D, 0, pass);
    const flat = tf.reshape(h, [h.shape[0], -1]) as tf.Tensor2D;
    return maybeDropout(tf.relu(tf.add(tf.matMul(flat, f as tf.Tensor2D), c)) as tf.Tensor2D, 1, pass);
  });
}

export function fmnistCnnLogits(w: readonly tf.Tensor[], x: tf.Tensor4D, pass?: TrainingPass): tf.Tensor2D {
  return tf.tidy(() => tf.add(tf.matMul(fmnistCnnEmbed(w, x, pass), w[6] as tf.Tensor2D), w[7]) as tf.Tensor2D);
}

export const fmnistCnn: ModelDef<'fmnist-cnn'> = {
  kind: 'fmnist-cnn',
  title: 'Fashion-MNIST CNN (Bhagoji et al. 2019, model A of their code)',
  dropout: DROPOUT,
  spec: fmnistCnnSpec,
  logits: fmnistCnnLogits,
  embed: fmnistCnnEmbed,
  embeddingSize: cnnEmbeddingSize,
};
