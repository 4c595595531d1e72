import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initConv4 } from '../model/conv4';
import { Adam } from '../optim/adam';
import { crossEntropy, trainStep } from '../learners/reptile/learner';
import { initWasmAndCpu, runOn, uniform, wasmVsCpu } from '../testing/backends';

// The engine's own Conv4 and training step on wasm (with the project's kernels) against the
// cpu backend, and the tensor count of a long run on wasm.
const shape = { filters: 16, imageSize: 28, channels: 1, ways: 5 };
const batch = { x: uniform(6 * 28 * 28, 1).map((v) => (v + 1) / 2), y: Int32Array.from([0, 1, 2, 3, 4, 0]), n: 6, side: 28 };

beforeAll(initWasmAndCpu);

describe('Conv4 on wasm vs cpu', () => {
  it('gives the same loss and gradients for every parameter', async () => {
    const f = () => {
      const w = initConv4(shape, 7).map((p) => p.tensor);
      const x = tf.tensor4d(batch.x, [batch.n, 28, 28, 1]);
      const { value, grads } = tf.valueAndGrads((...ws: tf.Tensor[]) => crossEntropy(ws, x, tf.tensor1d(batch.y, 'int32')))(w);
      return [value, ...grads];
    };
    const [cpu, wasm] = [await runOn('cpu', f), await runOn('wasm', f)];
    expect(wasm[0][0]).toBeCloseTo(cpu[0][0], 5);
    expect(await wasmVsCpu(f)).toBeLessThan(1e-4);
  });

  it('takes the same Adam steps', async () => {
    // Not the conv biases: batch norm cancels them, so their gradient is rounding noise that
    // Adam turns into ±lr steps whose signs differ between backends.
    const spec = initConv4(shape, 8);
    const compared = spec.map((p, i) => (/^conv\d\/bias$/.test(p.name) ? -1 : i)).filter((i) => i >= 0);
    tf.dispose(spec.map((p) => p.tensor));
    const f = () => {
      const adam = new Adam({ lr: 0.001, beta1: 0, beta2: 0.999 });
      let w = initConv4(shape, 8).map((p) => p.tensor);
      for (let i = 0; i < 3; i++) w = trainStep(w, batch, adam).w;
      adam.dispose();
      return compared.map((i) => w[i]);
    };
    expect(await wasmVsCpu(f)).toBeLessThan(1e-4);
  });
});

describe('memory on wasm', () => {
  it('keeps the tensor count and wasm buffers flat over many training steps', async () => {
    await tf.setBackend('wasm');
    const adam = new Adam({ lr: 0.001, beta1: 0, beta2: 0.999 });
    let w = initConv4({ ...shape, filters: 64 }, 9).map((p) => p.tensor);
    const step = () => {
      const next = trainStep(w, batch, adam).w;
      tf.dispose(w);
      w = next;
    };
    for (let i = 0; i < 3; i++) step();
    const before = { tensors: tf.memory().numTensors, buffers: tf.engine().backend.numDataIds() };
    for (let i = 0; i < 40; i++) step();
    expect(tf.memory().numTensors).toBe(before.tensors);
    expect(tf.engine().backend.numDataIds()).toBe(before.buffers);
    tf.dispose(w);
    adam.dispose();
  });
});
