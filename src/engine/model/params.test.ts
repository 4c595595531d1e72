import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { conv4Spec, embeddingSize, featureSide, initConv4 } from './conv4';
import {
  addParams, disposeParams, distanceParams, lerpParams, meanParams, normParams, packParams, scaleParams, sizeOf, unpackParams, type Params,
} from './params';

beforeAll(async () => { await tf.setBackend('cpu'); });

const P = (a: number[], b: number[]): Params => [
  { name: 'w', shape: [2], tensor: tf.tensor1d(a) },
  { name: 'b', shape: [1], tensor: tf.tensor1d(b) },
];
const values = (p: Params) => p.map((x) => [...x.tensor.dataSync()]);

describe('named parameter lists', () => {
  it('add, scale, interpolate and average with hand-checked values', () => {
    const a = P([1, 2], [3]), b = P([3, 6], [-1]);
    expect(values(addParams(a, b))).toEqual([[4, 8], [2]]);
    expect(values(scaleParams(a, 2))).toEqual([[2, 4], [6]]);
    expect(values(lerpParams(a, b, 0.5))).toEqual([[2, 4], [1]]);
    expect(values(meanParams([a, b]))).toEqual([[2, 4], [1]]);
    expect(values(meanParams([a, b], [0.75, 0.25]))).toEqual([[1.5, 3], [2]]);
  });
  it('measures norms and distances over all tensors', async () => {
    expect(await normParams(P([3, 0], [4]))).toBeCloseTo(5, 6);
    expect(await distanceParams(P([1, 1], [1]), P([1, 4], [5]))).toBeCloseTo(5, 6);
  });
  it('packs into one Float32Array and back', async () => {
    const p = initConv4({ filters: 4, imageSize: 28, channels: 1, ways: 5 }, 7);
    const packed = await packParams(p);
    expect(packed.length).toBe(sizeOf(conv4Spec({ filters: 4, imageSize: 28, channels: 1, ways: 5 })));
    const back = unpackParams(p, packed);
    expect(back.map((x) => x.name)).toEqual(p.map((x) => x.name));
    back.forEach((x, i) => expect([...x.tensor.dataSync()]).toEqual([...p[i].tensor.dataSync()]));
    expect(() => unpackParams(p, packed.subarray(1))).toThrow(/needs/);
    disposeParams(p); disposeParams(back);
  });
  it('refuses to combine lists with different names', () => {
    expect(() => addParams(P([1, 2], [3]), [{ name: 'x', shape: [2], tensor: tf.tensor1d([1, 1]) }, { name: 'b', shape: [1], tensor: tf.tensor1d([1]) }])).toThrow(/w in one list and x/);
  });
});

describe('Conv4 layout', () => {
  it('has 4 conv modules and a dense layer sized by the pooled features', () => {
    const spec = conv4Spec({ filters: 64, imageSize: 28, channels: 1, ways: 5 });
    expect(spec.map((s) => s.name)).toEqual([
      ...[0, 1, 2, 3].flatMap((l) => [`conv${l}/kernel`, `conv${l}/bias`, `bn${l}/gamma`, `bn${l}/beta`]), 'dense/kernel', 'dense/bias',
    ]);
    expect(spec[0].shape).toEqual([3, 3, 1, 64]);
    expect(spec[4].shape).toEqual([3, 3, 64, 64]);
    // SAME 2×2 pooling as in Reptile and Chen et al.: 28 → 14 → 7 → 4 → 2, so 2×2×64 features.
    expect(featureSide(28)).toBe(2);
    expect(featureSide(84)).toBe(6); // mini-ImageNet: 84 → 42 → 21 → 11 → 6
    expect(featureSide(16)).toBe(1);
    expect(() => featureSide(15)).toThrow(/too small/);
    expect(embeddingSize({ filters: 64, imageSize: 28, channels: 1, ways: 5 })).toBe(256);
    expect(spec[16].shape).toEqual([256, 5]);
    expect(sizeOf(spec)).toBe(9 * 64 + 3 * 9 * 64 * 64 + 4 * 3 * 64 + 256 * 5 + 5); // 113,221
  });
  it('initialises deterministically from the seed, Glorot-bounded', async () => {
    const shape = { filters: 8, imageSize: 28, channels: 1, ways: 5 };
    const a = await packParams(initConv4(shape, 1)), b = await packParams(initConv4(shape, 1)), c = await packParams(initConv4(shape, 2));
    expect(a).toEqual(b);
    expect(a).not.toEqual(c);
    const limit = Math.sqrt(6 / (9 * 1 + 9 * 8));
    expect(Math.max(...a.subarray(0, 72).map(Math.abs))).toBeLessThanOrEqual(limit);
  });
});
