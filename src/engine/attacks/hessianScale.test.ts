import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import type { Batch } from '../data/batch';
import { conv4Spec, initConv4, type Conv4Shape } from '../model/conv4';
import { packTensors, sizeOf, unpackParams } from '../model/params';
import { createRng } from '../rng';
import { hessianDiagonal, type HessianScale } from './hessianDiag';

beforeAll(async () => { await initNodeBackend('wasm'); });

/**
 * The units of Zhou et al.'s h_i: 'paper' is the estimate itself (loss per squared parameter, so
 * ρ2 Σ h_i (Δθ_i)² is a loss), 'mean-1' that estimate over its mean. Checked by hand on a Conv4 of
 * 54 parameters whose dense layer (the last 6: kernel 1 × 3, bias 3) is zero: every logit is 0,
 * p = 1/K for every image, and nothing before the dense layer gets a gradient.
 */
const MODEL: Conv4Shape = { filters: 1, imageSize: 16, channels: 1, ways: 3 };
const P = sizeOf(conv4Spec(MODEL)); // 54

async function zeroDense(ways: number): Promise<Float32Array> {
  const ts = initConv4({ ...MODEL, ways }, 5).map((p) => p.tensor);
  const v = await packTensors(ts);
  tf.dispose(ts);
  return v.map((x, i) => (i >= v.length - 2 * ways ? 0 : x));
}

function images(n: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: n * MODEL.imageSize ** 2 }, () => rng.next());
}

async function squaredGradients(v: Float32Array, ways: number, b: Batch, scale: HessianScale): Promise<number[]> {
  const theta = unpackParams(conv4Spec({ ...MODEL, ways }), v).map((p) => p.tensor);
  const h = hessianDiagonal(theta, { next: () => b }, 'squared-gradients', 2, createRng(0), scale);
  const out = [...(await packTensors(h))];
  tf.dispose([...theta, ...h]);
  return out;
}

describe("Hessian diagonal in the paper's units, by hand", () => {
  // Labels [0, 0, 0, 0, 1, 2], p = 1/3: the dense bias's gradient is g_k = mean_n (p_k − y_nk)
  // = 1/3 − [4/6, 1/6, 1/6] = [−1/3, 1/6, 1/6], so g² = [1/9, 1/36, 1/36] (the mean of two equal
  // samples; hessianDiag.test.ts has Hutchinson's 2/9 = p(1 − p) on the same bias).
  const b: Batch = { x: images(6, 4), y: Int32Array.from([0, 0, 0, 0, 1, 2]), n: 6, side: MODEL.imageSize };

  it('squared-gradients: [1/9, 1/36, 1/36] on the bias and 0 on the convolutions and batch norms', async () => {
    const h = await squaredGradients(await zeroDense(3), 3, b, 'paper');
    [1 / 9, 1 / 36, 1 / 36].forEach((x, k) => expect(h[P - 3 + k]).toBeCloseTo(x, 6));
    expect(h.slice(0, P - 6).every((x) => x === 0)).toBe(true);
  });

  it("'mean-1' is that diagonal over its mean over all 54 parameters", async () => {
    const v = await zeroDense(3);
    const paper = await squaredGradients(v, 3, b, 'paper');
    const meanOne = await squaredGradients(v, 3, b, 'mean-1');
    const mean = paper.reduce((s, x) => s + x, 0) / P;
    expect(mean).toBeGreaterThan((1 / 9 + 2 / 36) / P); // the bias alone, plus the kernel's share
    meanOne.forEach((x, i) => expect(x).toBeCloseTo(paper[i] / mean, 4));
    expect(meanOne.reduce((s, x) => s + x, 0) / P).toBeCloseTo(1, 4);
  });
});

describe('Hessian diagonal when every estimate is zero', () => {
  it("is zero in the paper's units (no penalty at all) and all ones normalised to mean 1 (a plain L2 penalty), not NaN", async () => {
    // Two ways, three images each given twice, once with each label: p = ½ for every image and the
    // two copies' gradients cancel exactly, so Σ g² = 0.
    const px = MODEL.imageSize ** 2, three = images(3, 3);
    const same: Batch = { x: Float32Array.from({ length: 6 * px }, (_, k) => three[Math.floor(k / (2 * px)) * px + (k % px)]), y: Int32Array.from([0, 1, 0, 1, 0, 1]), n: 6, side: MODEL.imageSize };
    const v = await zeroDense(2);
    expect((await squaredGradients(v, 2, same, 'paper')).every((x) => x === 0)).toBe(true);
    expect((await squaredGradients(v, 2, same, 'mean-1')).every((x) => x === 1)).toBe(true);
  });
});
