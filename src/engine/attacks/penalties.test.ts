import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import type { WeightPenalty } from '../learners/reptile/learner';
import { curvaturePenalty, distanceAnchor, distancePenalty } from './penalties';

beforeAll(async () => { await initNodeBackend('wasm'); });

/**
 * The stealth penalties on a "model" of three parameters held in two tensors (shapes [2] and
 * [1], the way a parameter list is split into tensors), checked against values worked out by hand
 * and against central finite differences of the penalty itself.
 */
const SHAPES = [2, 1];
const tensors = (flat: readonly number[]) => {
  let off = 0;
  return SHAPES.map((n) => tf.tensor1d(flat.slice(off, (off += n))));
};

async function valueAndGrad(p: WeightPenalty, w: readonly number[]): Promise<{ value: number; grad: number[] }> {
  const ws = tensors(w);
  const { value, grads } = tf.valueAndGrads((...x: tf.Tensor[]) => p(x))(ws);
  const v = (await value.data())[0];
  const g = (await Promise.all(grads.map((x) => x.data()))).flatMap((d) => [...d]);
  tf.dispose([...ws, value, ...grads]);
  return { value: v, grad: g };
}

async function valueAt(p: WeightPenalty, w: readonly number[]): Promise<number> {
  const ws = tensors(w);
  const v = p(ws);
  const out = (await v.data())[0];
  tf.dispose([...ws, v]);
  return out;
}

/** ∂p/∂w_k by central differences (h = 1/64: exact for a quadratic, O(h²) otherwise). */
async function finiteDifferences(p: WeightPenalty, w: readonly number[], h = 1 / 64): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < w.length; k++) {
    const plus = w.map((x, i) => (i === k ? x + h : x));
    const minus = w.map((x, i) => (i === k ? x - h : x));
    out.push(((await valueAt(p, plus)) - (await valueAt(p, minus))) / (2 * h));
  }
  return out;
}

const close = (actual: readonly number[], expected: readonly number[], digits: number) => {
  expect(actual).toHaveLength(expected.length);
  actual.forEach((x, i) => expect(x).toBeCloseTo(expected[i], digits));
};

describe("Zhou's ρ1‖Δ_m − Δ̄_ben‖₂ and Bhagoji's ρ‖δ − δ̄‖₂ (distancePenalty + distanceAnchor)", () => {
  // θ_G = [1, 1, 1], Δ̄_ben = [0, 1, 2]; at w = [4, 6, 3]: Δ_m = w − θ_G = [3, 5, 2],
  // Δ_m − Δ̄_ben = [3, 4, 0], whose norm is 5. ρ1 = 0.5.
  const global = Float32Array.from([1, 1, 1]);
  const benignMean = Float32Array.from([0, 1, 2]);
  const w = [4, 6, 3];

  it('anchors the weights at θ_G + Δ̄_ben (θ_G alone without an estimate)', () => {
    expect([...distanceAnchor(global, benignMean)]).toEqual([1, 2, 3]);
    expect([...distanceAnchor(global, null)]).toEqual([1, 1, 1]);
  });

  it('value ρ1·5 = 2.5 and gradient ρ1·(Δ_m − Δ̄_ben)/‖Δ_m − Δ̄_ben‖ = [0.3, 0.4, 0]', async () => {
    const anchor = tensors([...distanceAnchor(global, benignMean)]);
    const p = distancePenalty(anchor, 0.5);
    const { value, grad } = await valueAndGrad(p, w);
    expect(value).toBeCloseTo(2.5, 6);
    close(grad, [0.3, 0.4, 0], 6);
    close(await finiteDifferences(p, w), [0.3, 0.4, 0], 3);
    tf.dispose(anchor);
  });

  it("without an estimate it is ρ‖w − θ_G‖₂ (Bhagoji's 'global' constraint): 0.5·√38", async () => {
    const anchor = tensors([...distanceAnchor(global, null)]);
    const p = distancePenalty(anchor, 0.5);
    const { value, grad } = await valueAndGrad(p, w);
    const n = Math.sqrt(38); // ‖[3, 5, 2]‖
    expect(value).toBeCloseTo(0.5 * n, 5);
    close(grad, [3, 5, 2].map((d) => (0.5 * d) / n), 6);
    close(await finiteDifferences(p, w), [3, 5, 2].map((d) => (0.5 * d) / n), 3);
    tf.dispose(anchor);
  });

  it('has a finite (zero) gradient at w = anchor, where ‖·‖₂ itself has none', async () => {
    const anchor = tensors([1, 2, 3]);
    const { value, grad } = await valueAndGrad(distancePenalty(anchor, 0.5), [1, 2, 3]);
    expect(value).toBeCloseTo(0, 5);
    grad.forEach((g) => expect(g).toBe(0));
    tf.dispose(anchor);
  });
});

describe("Zhou's ρ2 Σ h_i (Δθ_i)² (curvaturePenalty)", () => {
  // anchor (the weights the adversarial phase starts from) [0, 1, 2], h = [1, 2, 0.5], w = [1, 3, 0]:
  // Δθ = [1, 2, −2], h·Δθ² = [1, 8, 2], sum 11; ρ2 = 0.25 → 2.75.
  // Gradient 2ρ2·h_i·Δθ_i = 0.5·[1, 4, −1] = [0.5, 2, −0.5].
  it('value 2.75 and gradient [0.5, 2, −0.5], by hand and by finite differences', async () => {
    const anchor = tensors([0, 1, 2]);
    const h = tensors([1, 2, 0.5]);
    const p = curvaturePenalty(anchor, h, 0.25);
    const w = [1, 3, 0];
    const { value, grad } = await valueAndGrad(p, w);
    expect(value).toBeCloseTo(2.75, 6);
    close(grad, [0.5, 2, -0.5], 6);
    close(await finiteDifferences(p, w), [0.5, 2, -0.5], 4);
    tf.dispose([...anchor, ...h]);
  });

  it('leaves a parameter with h_i = 0 free: neither value nor gradient depends on it', async () => {
    const anchor = tensors([0, 0, 0]);
    const h = tensors([2, 0, 1]);
    const p = curvaturePenalty(anchor, h, 1);
    // w = [1, 100, −3]: 2·1 + 0·10⁴ + 1·9 = 11; gradient 2·h·w = [4, 0, −6].
    const { value, grad } = await valueAndGrad(p, [1, 100, -3]);
    expect(value).toBeCloseTo(11, 5);
    close(grad, [4, 0, -6], 5);
    tf.dispose([...anchor, ...h]);
  });

  it("ρ2 on a 'mean-1' h is ρ2 / mean(h) on the paper's h: the same penalty in other units", async () => {
    // The paper's h = [1/9, 1/36, 1/36] (hessianScale.test.ts's dense bias), mean 1/18; normalised
    // to mean 1 it is [2, 0.5, 0.5]. With Δθ = [3, 6, 6]: Σ h Δθ² = 1 + 1 + 1 = 3 in the paper's
    // units and 18 + 18 + 18 = 54 = 18·3 normalised, so ρ2 = 1 there is ρ2 = 18 in the paper's.
    const anchor = tensors([0, 0, 0]);
    const paper = tensors([1 / 9, 1 / 36, 1 / 36]), meanOne = tensors([2, 0.5, 0.5]);
    expect(await valueAt(curvaturePenalty(anchor, paper, 1), [3, 6, 6])).toBeCloseTo(3, 5);
    expect(await valueAt(curvaturePenalty(anchor, meanOne, 1), [3, 6, 6])).toBeCloseTo(54, 4);
    expect(await valueAt(curvaturePenalty(anchor, paper, 18), [3, 6, 6])).toBeCloseTo(54, 4);
    tf.dispose([...anchor, ...paper, ...meanOne]);
  });
});
