import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse';
import { MODEL_KINDS } from '../config/schema';
import { createRng } from '../rng';
import { modelLogits, modelOfWeights } from './forward';
import type { ModelKind, ModelShape } from './kind';
import { packParams, sizeOf, disposeParams } from './params';
import { initModel, initModelValues, modelFor, models, modelSpec } from './registry';

beforeAll(async () => { await tf.setBackend('cpu'); });

const shape = (kind: ModelKind, imageSize = 28, ways = 10, filters = 64): ModelShape => ({ kind, filters, imageSize, channels: 1, ways });

describe('model kinds: parameter counts by hand', () => {
  it('LeNet-5 on 28×28×1, 10 classes: 61,706 weights', () => {
    // conv1 5·5·1·6 + 6 = 156; conv2 5·5·6·16 + 16 = 2,416; fc1 (5·5·16 = 400)·120 + 120 = 48,120;
    // fc2 120·84 + 84 = 10,164; dense 84·10 + 10 = 850. 156 + 2,416 + 48,120 + 10,164 + 850 = 61,706.
    expect(sizeOf(modelSpec(shape('lenet5')))).toBe(61_706);
    expect(modelSpec(shape('lenet5')).map((p) => p.shape)).toEqual([[5, 5, 1, 6], [6], [5, 5, 6, 16], [16], [400, 120], [120], [120, 84], [84], [84, 10], [10]]);
    // 16×16: 16 → 8 → 4 → 2, fc1 2·2·16 = 64 inputs: 156 + 2,416 + 64·120 + 120 + 10,164 + 850 = 21,386.
    expect(sizeOf(modelSpec(shape('lenet5', 16)))).toBe(21_386);
    expect(() => modelSpec(shape('lenet5', 11))).toThrow(/too small for LeNet-5/);
  });
  it("Bhagoji's Fashion-MNIST CNN on 28×28×1, 10 classes: 3,382,346 weights", () => {
    // conv1 5·5·1·64 + 64 = 1,664; conv2 5·5·64·64 + 64 = 102,464; 28 → 24 → 20, fc1 (20·20·64 = 25,600)·128 + 128
    // = 3,276,928; dense 128·10 + 10 = 1,290. 1,664 + 102,464 + 3,276,928 + 1,290 = 3,382,346.
    expect(sizeOf(modelSpec(shape('fmnist-cnn')))).toBe(3_382_346);
    expect(modelSpec(shape('fmnist-cnn')).map((p) => p.shape)).toEqual([[5, 5, 1, 64], [64], [5, 5, 64, 64], [64], [25_600, 128], [128], [128, 10], [10]]);
    expect(() => modelSpec(shape('fmnist-cnn', 8))).toThrow(/too small for the Fashion-MNIST CNN/);
  });
  it('Conv4 keeps its layout: 64 filters, 28×28, 5-way = 113,221 weights', () => {
    // layer 0: 3·3·1·64 + 3·64 = 768; layers 1–3: 3·3·64·64 + 3·64 = 37,056 each; dense 2·2·64·5 + 5 = 1,285.
    expect(sizeOf(modelSpec(shape('conv4', 28, 5)))).toBe(768 + 3 * 37_056 + 1_285);
    expect(modelSpec({ filters: 64, imageSize: 28, channels: 1, ways: 5 })).toEqual(modelSpec(shape('conv4', 28, 5))); // no kind: Conv4
  });
});

describe('model kinds: registry, forward and init', () => {
  it('has one definition per schema kind, each under its own name', () => {
    expect(Object.keys(models).sort()).toEqual([...MODEL_KINDS].sort());
    for (const k of MODEL_KINDS) expect(models[k].kind).toBe(k);
  });

  it.each([['lenet5', 16, 84], ['fmnist-cnn', 12, 128], ['conv4', 16, 8]] as const)('%s: logits [batch, ways], embedding [batch, D]; the weights name their kind', async (kind, side, dim) => {
    const m = shape(kind, side, 7, kind === 'conv4' ? 8 : 64);
    const p = initModel(m, 1);
    const w = p.map((x) => x.tensor);
    const x = tf.randomUniform([3, side, side, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    expect(modelOfWeights(w).kind).toBe(kind);
    const logits = modelLogits(w, x), features = modelFor(m).embed(w, x);
    expect(logits.shape).toEqual([3, 7]);
    expect(features.shape).toEqual([3, modelFor(m).embeddingSize(m)]);
    expect(modelFor(m).embeddingSize(m)).toBe(kind === 'conv4' ? 8 : dim); // Conv4: 1·1·8 on 16×16
    expect([...(await logits.data())].every(Number.isFinite)).toBe(true);
    tf.dispose([x, logits, features]);
    disposeParams(p);
  });

  it('refuses a weight list no kind has', () => {
    expect(() => modelOfWeights([tf.zeros([2, 2])])).toThrow(/no model kind has 1 parameter tensors of ranks \[2\]/);
  });

  it('initialises deterministically from the seed: Glorot kernels within ±√(6/(fan_in+fan_out)), zero biases', async () => {
    const m = shape('lenet5');
    const a = initModelValues(m, 7), b = initModelValues(m, 7), c = initModelValues(m, 8);
    expect(a).toEqual(b);
    expect(a[0]).not.toEqual(c[0]);
    // conv1 [5, 5, 1, 6]: fan_in 25, fan_out 150; fc1 [400, 120].
    expect(Math.max(...a[0].map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 175));
    expect(Math.max(...a[4].map(Math.abs))).toBeLessThanOrEqual(Math.sqrt(6 / 520));
    expect(Math.max(...a[4].map(Math.abs))).toBeGreaterThan(0.9 * Math.sqrt(6 / 520));
    expect(a[1].every((v) => v === 0) && a[9].every((v) => v === 0)).toBe(true);
    const p = initModel(m, 7);
    expect(await packParams(p)).toEqual(Float32Array.from(a.flatMap((v) => [...v])));
    disposeParams(p);
  });

  it.each([['lenet5', 16], ['fmnist-cnn', 12]] as const)('%s: a gradient step lowers the loss on a tiny batch', async (kind, side) => {
    const m = shape(kind, side, 4);
    const p = initModel(m, 3);
    const rng = createRng(9);
    const x = tf.tensor4d(Float32Array.from({ length: 8 * side * side }, () => rng.next()), [8, side, side, 1]);
    const y = tf.oneHot(tf.tensor1d([0, 1, 2, 3, 0, 1, 2, 3], 'int32'), 4);
    const loss = (...w: tf.Tensor[]) => tf.losses.softmaxCrossEntropy(y, modelLogits(w, x)) as tf.Scalar;
    const w0 = p.map((q) => q.tensor);
    const { value, grads } = tf.valueAndGrads(loss)(w0);
    const w1 = w0.map((t, i) => tf.sub(t, tf.mul(grads[i], 0.05)));
    const after = loss(...w1);
    const [l0] = await value.data(), [l1] = await after.data();
    expect(l1).toBeLessThan(l0 - 1e-3);
    tf.dispose([x, y, value, after, ...grads, ...w1]);
    disposeParams(p);
  });
});

describe('model.kind in the config', () => {
  it('defaults to conv4, so configs from before kinds are unchanged', () => {
    expect(parseConfig({}).model).toEqual({ kind: 'conv4', filters: 64, imageSize: 28 });
    expect(parseConfig({ model: { filters: 16 } }).model.kind).toBe('conv4');
  });
  it('refuses Conv4\'s filters knob on other kinds and the matching defense on them, naming the field', () => {
    expect(parseConfig({ model: { kind: 'lenet5' } }).model.kind).toBe('lenet5');
    expect(() => parseConfig({ model: { kind: 'lenet5', filters: 16 } })).toThrow(/model\.filters.*Conv4's width; model\.kind lenet5/);
    expect(() => parseConfig({ model: { kind: 'fmnist-cnn' }, defense: { fineTune: { kind: 'matching' } } })).toThrow(/model\.kind.*matching-network defense.*needs conv4/);
  });
});
