import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu, uniform, wasmVsCpu } from '../testing/backends';
import { adamUpdate } from './adamUpdate';

// The fused wasm kernel against the same update in tfjs ops, which is what runs on cpu.
beforeAll(initWasmAndCpu);

describe('adamUpdate, fused on wasm vs composed on cpu', () => {
  const shapes = [[5], [7, 3], [64], [3, 3, 64, 64]];
  for (const shape of shapes) {
    for (const beta1 of [0, 0.9]) {
      it(`[${shape}], beta1 = ${beta1}`, async () => {
        const size = tf.util.sizeFromShape(shape);
        const f = () => {
          const [p, g] = [tf.tensor(uniform(size, 1), shape), tf.tensor(uniform(size, 2), shape)];
          const v = tf.tensor(uniform(size, 3), shape).square();
          const m = beta1 > 0 ? tf.tensor(uniform(size, 4), shape) : null;
          const u = adamUpdate(p, g, v, m, { lr: 0.001, beta1, beta2: 0.999, epsilon: 1e-8 });
          return [u.p, u.v, ...(u.m ? [u.m] : [])];
        };
        expect(await wasmVsCpu(f)).toBeLessThan(1e-6);
      });
    }
  }
});
