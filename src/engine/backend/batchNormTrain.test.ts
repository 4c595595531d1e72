import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu, uniform, wasmVsCpu } from '../testing/backends';
import { batchNormTrain } from './batchNormTrain';

// The fused wasm kernels against the composition they replace (tf.moments + tf.batchNorm
// [+ tf.relu]), which is also what batchNormTrain runs on the cpu backend.
beforeAll(initWasmAndCpu);

describe('batchNormTrain, fused on wasm vs composed on cpu', () => {
  const cases: { shape: [number, number, number, number]; note: string }[] = [
    { shape: [10, 28, 28, 64], note: 'Conv4 layer 1' },
    { shape: [1, 3, 3, 16], note: 'batch 1, 16 channels' },
    { shape: [3, 5, 7, 32], note: 'odd sizes' },
    { shape: [2, 3, 3, 12], note: '12 channels (composed on both backends)' },
  ];
  for (const { shape, note } of cases) {
    for (const relu of [false, true]) {
      it(`${note}${relu ? ', with ReLU' : ''}: output and gradients`, async () => {
        const c = shape[3];
        const f = () => {
          // Per-channel offsets and scales, so the statistics are not trivially 0 and 1.
          const x = tf.add(tf.mul(tf.tensor4d(uniform(tf.util.sizeFromShape(shape), 1), shape), 3), tf.linspace(-2, 2, c));
          const gamma = tf.tensor1d(uniform(c, 2)).add(1.5) as tf.Tensor1D;
          const beta = tf.tensor1d(uniform(c, 3));
          const up = tf.tensor4d(uniform(tf.util.sizeFromShape(shape), 4), shape);
          const loss = (a: tf.Tensor, g: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(batchNormTrain(a, g as tf.Tensor1D, b as tf.Tensor1D, 1e-5, relu), up));
          return [batchNormTrain(x, gamma, beta, 1e-5, relu), ...tf.grads(loss)([x, gamma, beta])];
        };
        expect(await wasmVsCpu(f)).toBeLessThan(1e-5);
      });
    }
  }
});
