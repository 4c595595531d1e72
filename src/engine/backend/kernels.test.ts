import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initWasmAndCpu, uniform, wasmVsCpu } from '../testing/backends';

// Every kernel the project registers for wasm, against tfjs's cpu backend on seeded inputs,
// including the shapes and attributes that fall back to tfjs-backend-wasm's own kernels.
type Shape4 = [number, number, number, number];
type Pad = 'same' | 'valid' | [[number, number], [number, number], [number, number], [number, number]];
const TOL = 1e-5;
const t4 = (shape: Shape4, seed: number) => tf.tensor4d(uniform(shape.reduce((a, b) => a * b), seed), shape);
const run = (name: string, inputs: tf.NamedTensorMap, attrs: object) =>
  tf.engine().runKernel(name, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;

beforeAll(initWasmAndCpu);

interface ConvCase { x: Shape4; f: Shape4; pad: Pad; stride?: number; dilation?: number; note: string }
const convCases: ConvCase[] = [
  { x: [10, 28, 28, 1], f: [3, 3, 1, 64], pad: 'same', note: 'Conv4 layer 1' },
  { x: [10, 14, 14, 64], f: [3, 3, 64, 64], pad: 'same', note: 'Conv4 layer 2' },
  { x: [1, 3, 3, 64], f: [3, 3, 64, 64], pad: 'same', note: 'batch 1, Conv4 layer 4' },
  { x: [2, 9, 11, 3], f: [3, 3, 3, 16], pad: 'valid', note: 'odd sizes, valid' },
  { x: [3, 7, 6, 8], f: [5, 2, 8, 8], pad: [[0, 0], [1, 3], [0, 1], [0, 0]], note: 'explicit pads, non-square filter' },
  { x: [2, 5, 5, 16], f: [1, 1, 16, 24], pad: 'same', note: '1×1' },
  { x: [3, 7, 9, 16], f: [3, 3, 16, 16], pad: 'same', note: 'Winograd, odd output sizes' },
  { x: [2, 10, 6, 20], f: [3, 3, 20, 8], pad: 'valid', note: 'Winograd, valid' },
  { x: [2, 9, 9, 8], f: [3, 3, 8, 16], pad: 'same', stride: 2, note: 'stride 2' },
  { x: [2, 6, 6, 4], f: [3, 3, 4, 12], pad: 'same', note: 'channels not a multiple of 8' },
];

describe('convolution kernels, wasm vs cpu', () => {
  for (const c of convCases) {
    const stride = c.stride ?? 1;
    const dy = (seed: number) => tf.tidy(() => t4(tf.conv2d(t4(c.x, 1), t4(c.f, 2), stride, c.pad).shape as Shape4, seed));

    it(`Conv2D: ${c.note}`, async () => {
      expect(await wasmVsCpu(() => tf.conv2d(t4(c.x, 1), t4(c.f, 2), stride, c.pad))).toBeLessThan(TOL);
    });

    it(`Conv2DBackpropInput: ${c.note}`, async () => {
      const f = () => run('Conv2DBackpropInput', { dy: dy(3), filter: t4(c.f, 2) },
        { strides: [stride, stride], pad: c.pad, dataFormat: 'NHWC', inputShape: c.x });
      expect(await wasmVsCpu(f)).toBeLessThan(TOL);
    });

    it(`Conv2DBackpropFilter: ${c.note}`, async () => {
      const f = () => run('Conv2DBackpropFilter', { x: t4(c.x, 1), dy: dy(3) },
        { strides: [stride, stride], pad: c.pad, dataFormat: 'NHWC', filterShape: c.f });
      expect(await wasmVsCpu(f)).toBeLessThan(TOL);
    });
  }

  it('Conv2D with dilation 2 (original kernel)', async () => {
    expect(await wasmVsCpu(() => tf.conv2d(t4([2, 9, 9, 8], 1), t4([3, 3, 8, 8], 2), 1, 'same', 'NHWC', 2))).toBeLessThan(TOL);
  });
});

describe('MaxPoolGrad, wasm vs cpu', () => {
  const cases: { x: Shape4; size: number; stride: number; pad: 'same' | 'valid'; note: string }[] = [
    { x: [10, 28, 28, 64], size: 2, stride: 2, pad: 'valid', note: 'Conv4 layer 1' },
    { x: [10, 7, 7, 64], size: 2, stride: 2, pad: 'valid', note: 'odd size: the last row and column get no gradient' },
    { x: [10, 7, 7, 64], size: 2, stride: 2, pad: 'same', note: 'Conv4 layer 3: odd size, SAME padding (7 → 4)' },
    { x: [1, 3, 3, 4], size: 2, stride: 2, pad: 'valid', note: 'batch 1' },
    { x: [2, 9, 8, 8], size: 3, stride: 2, pad: 'same', note: 'overlapping windows, padding' },
    { x: [2, 6, 6, 3], size: 2, stride: 2, pad: 'valid', note: '3 channels (one at a time)' },
  ];
  for (const c of cases) {
    it(c.note, async () => {
      const f = () => {
        // ReLU makes ties (zeros) common: the gradient must go to the first maximum, as on cpu.
        const x = tf.relu(t4(c.x, 4));
        const y = tf.maxPool(x, c.size, c.stride, c.pad);
        return run('MaxPoolGrad', { dy: t4(y.shape as Shape4, 5), input: x, output: y }, { filterSize: c.size, strides: c.stride, pad: c.pad });
      };
      expect(await wasmVsCpu(f)).toBeLessThan(TOL);
    });
  }
});

describe('reductions, tiling and copies, wasm vs cpu', () => {
  const x = () => t4([10, 14, 14, 64], 6).add(0.5);
  it('Sum over N, H, W (and keepDims)', async () => {
    expect(await wasmVsCpu(() => [tf.sum(x(), [0, 1, 2]), tf.sum(x(), [0, 1, 2], true)])).toBeLessThan(TOL);
  });
  it('Mean over N, H, W and over the first axis of a matrix', async () => {
    expect(await wasmVsCpu(() => [tf.mean(x(), [0, 1, 2]), tf.mean(tf.tensor2d(uniform(7 * 32, 7), [7, 32]), 0)])).toBeLessThan(TOL);
  });
  it('Sum and Mean the SIMD path does not take (original kernels)', async () => {
    const f = () => [tf.sum(x(), [1, 2]), tf.sum(x(), -1), tf.mean(t4([3, 4, 5, 20], 8), [0, 1, 2]), tf.sum(x())];
    expect(await wasmVsCpu(f)).toBeLessThan(TOL);
  });
  it('Tile along new leading dimensions', async () => {
    const f = () => [tf.tile(t4([1, 1, 1, 64], 9), [10, 3, 3, 1]), tf.tile(tf.tensor2d(uniform(5, 10), [1, 5]), [3, 1])];
    expect(await wasmVsCpu(f)).toBe(0);
  });
  it('Tile of other kinds and of booleans (original kernel for the former)', async () => {
    const f = () => [tf.tile(tf.tensor2d(uniform(6, 11), [2, 3]), [2, 2]), tf.tile(tf.tensor2d([true, false], [1, 2], 'bool'), [3, 1]).cast('float32')];
    expect(await wasmVsCpu(f)).toBe(0);
  });
  it('Identity and Cast share or convert data', async () => {
    const f = () => {
      const a = t4([2, 3, 4, 5], 12);
      return [tf.clone(a), tf.cast(a, 'float32'), tf.cast(tf.mul(a, 10), 'int32').cast('float32')];
    };
    expect(await wasmVsCpu(f)).toBe(0);
  });
});
