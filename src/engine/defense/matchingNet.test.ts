import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initConv4, type Conv4Shape } from '../model/conv4';
import { disposeParams, packParams, packTensors } from '../model/params';
import { createRng } from '../rng';
import { splitSupport } from './matching';
import { matchingScores, plainHead, projectHead, type MatchingHead } from './matchingNet';
import { mixWithFreshInit } from './randomMix';
import { checkpoints } from './types';

beforeAll(async () => { await tf.setBackend('cpu'); });

const scores = (fs: number[][], ys: number[], fq: number[][], head: MatchingHead): number[][] => tf.tidy(() =>
  matchingScores(tf.tensor2d(fs), tf.tensor1d(ys, 'int32'), tf.tensor2d(fq), head).arraySync());
const head = (alpha: number[][], beta: number[]): MatchingHead => ({ alpha: tf.tensor2d(alpha), beta: tf.tensor1d(beta) });

describe('matching network scores', () => {
  it('are the cosine similarities to a class\'s single support example (α = 1, β = 1)', () => {
    // query [0.9, 0.1]: cos with [1, 0] = 0.9/√0.82, with [0, 1] = 0.1/√0.82
    const [s] = scores([[1, 0], [0, 1]], [0, 1], [[0.9, 0.1]], plainHead(2, 2));
    expect(s[0]).toBeCloseTo(0.993884, 5);
    expect(s[1]).toBeCloseTo(0.110432, 5);
  });
  it('sum the attention over a class\'s support examples (Vinyals et al.)', () => {
    // class 0 has [1, 0] and [1, 1]: log(e^1 + e^(1/√2)) = 1.557386; class 1: cos([1, 0], [0, 1]) = 0
    const [s] = scores([[1, 0], [1, 1], [0, 1]], [0, 0, 1], [[1, 0]], plainHead(2, 2));
    expect(s[0]).toBeCloseTo(1.557386, 5);
    expect(s[1]).toBeCloseTo(0, 6);
    // softmax over classes = P(l | x̂, S) = Σ attention of the class's examples = 4.746397 / 5.746397
    expect(Math.exp(s[0]) / (Math.exp(s[0]) + Math.exp(s[1]))).toBeCloseTo(0.825978, 5);
  });
  it('gate the query embedding per class: α_0 = [0, 1] hides the component class 0 matched on', () => {
    const [s] = scores([[1, 0], [0, 1]], [0, 1], [[0.9, 0.1]], head([[0, 1], [1, 1]], [1, 1]));
    expect(s[0]).toBeCloseTo(0, 6); // cos([0, 0.1], [1, 0])
    expect(s[1]).toBeCloseTo(0.110432, 5);
  });
  it('scale each class by β_l', () => {
    const [s] = scores([[1, 0], [0, 1]], [0, 1], [[0.9, 0.1]], head([[1, 1], [1, 1]], [2, 5]));
    expect(s[0]).toBeCloseTo(2 * 0.993884, 5);
    expect(s[1]).toBeCloseTo(5 * 0.110432, 5);
  });
  it('keep gates in [0, 1] and scales non-negative after a step', () => {
    const h = projectHead(tf.tensor2d([[-0.5, 0.3], [1.7, 1]]), tf.tensor1d([-2, 4]));
    expect(h.alpha.arraySync()).toEqual([[0, expect.closeTo(0.3, 6)], [1, 1]]);
    expect(h.beta.arraySync()).toEqual([0, 4]);
  });
});

describe('training split of a support set', () => {
  it('takes one query per class and leaves the rest as support', () => {
    const b = { x: Float32Array.from({ length: 6 * 4 }, (_, i) => Math.floor(i / 4)), y: Int32Array.from([0, 1, 2, 0, 1, 2]), n: 6, side: 2 };
    const { support, query } = splitSupport(b, createRng(1));
    expect([...query.y]).toEqual([0, 1, 2]);
    expect([...support.y].sort()).toEqual([0, 1, 2]);
    // every example used exactly once (image i is filled with i)
    const ids = [...query.x, ...support.x].filter((_, k) => k % 4 === 0);
    expect(ids.sort()).toEqual([0, 1, 2, 3, 4, 5]);
  });
});

describe('θ\' = δθ + (1 − δ)θ_g', () => {
  const shape: Conv4Shape = { filters: 2, imageSize: 16, channels: 1, ways: 3 };
  const theta = initConv4(shape, 11).map((p) => p.tensor);
  const fresh = async (seed: number) => { const p = initConv4(shape, seed); const v = await packParams(p); disposeParams(p); return v; };

  it('is θ for δ = 1 and exactly the fresh Glorot initialisation for δ = 0', async () => {
    const one = mixWithFreshInit(theta, shape, 1, 99), zero = mixWithFreshInit(theta, shape, 0, 99);
    expect(await packTensors(one)).toEqual(await packTensors(theta));
    expect(await packTensors(zero)).toEqual(await fresh(99));
    tf.dispose([...one, ...zero]);
  });
  it('interpolates in between, coordinate by coordinate', async () => {
    const mixed = await packTensors(mixWithFreshInit(theta, shape, 0.3, 99));
    const a = await packTensors(theta), g = await fresh(99);
    for (const i of [0, 7, 40, a.length - 1]) expect(mixed[i]).toBeCloseTo(0.3 * a[i] + 0.7 * g[i], 6);
  });
});

describe('checkpoints', () => {
  it('are 0, every, 2·every, … and the last iteration', () => {
    expect(checkpoints(500, 100)).toEqual([0, 100, 200, 300, 400, 500]);
    expect(checkpoints(25, 10)).toEqual([0, 10, 20, 25]);
  });
});
