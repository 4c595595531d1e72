import * as tf from '@tensorflow/tfjs';
import { expect, it } from 'vitest';
import { initBackend } from './initBackend';

it("'auto' in Node picks wasm with the project's kernels and says why", async () => {
  const choice = await initBackend('auto');
  expect(choice.name).toBe('wasm');
  expect(tf.getBackend()).toBe('wasm');
  expect(choice.reason).toMatch(/^Node\.js has no WebGPU; using wasm \(SIMD/);
  expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
});

it('honours an explicit choice', async () => {
  expect(await initBackend('cpu')).toEqual({ name: 'cpu', reason: 'requested' });
  expect(tf.getBackend()).toBe('cpu');
  expect((await initBackend('wasm')).reason).toMatch(/^requested; using wasm/);
});
