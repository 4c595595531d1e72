import * as tf from '@tensorflow/tfjs';
import { createRng } from '../rng';
import type { ParamSpec, Params } from './params';

/**
 * The initial values of a parameter list, in spec order, from a seed: Glorot-uniform kernels
 * (Keras' default, also what Bhagoji et al.'s Keras models start from), zero biases and betas,
 * unit batch-norm gammas. Plain arrays drawn from the engine's rng, so every backend starts
 * from the same weights and nothing is read back from a tensor.
 *
 * Kernels draw in spec order, one value per weight: Conv4's initial weights are those it had
 * before there were other kinds (saved runs and tests depend on them).
 */
export function glorotValues(spec: readonly ParamSpec[], seed: number): Float32Array[] {
  const rng = createRng(seed);
  return spec.map(({ name, shape }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const data = new Float32Array(size);
    if (name.endsWith('/kernel')) {
      // Conv kernels [h, w, in, out] count their receptive field in both fans; dense [in, out] do not.
      const receptive = shape.length === 4 ? shape[0] * shape[1] : 1;
      const fanIn = receptive * shape[shape.length - 2];
      const fanOut = receptive * shape[shape.length - 1];
      const limit = Math.sqrt(6 / (fanIn + fanOut));
      for (let i = 0; i < size; i++) data[i] = (2 * rng.next() - 1) * limit;
    } else if (name.endsWith('/gamma')) data.fill(1);
    return data;
  });
}

/** The same values as named tensors (owned by the caller). */
export function glorotParams(spec: readonly ParamSpec[], seed: number): Params {
  const values = glorotValues(spec, seed);
  return spec.map(({ name, shape }, i) => ({ name, shape: [...shape], tensor: tf.tensor(values[i], shape, 'float32') }));
}
