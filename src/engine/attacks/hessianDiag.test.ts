import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import type { Batch } from '../data/batch';
import { crossEntropy, toTensors } from '../learners/reptile/learner';
import type { EpisodeSource } from '../learners/types';
import { conv4Embed, conv4Logits, conv4Spec, initConv4, type Conv4Shape } from '../model/conv4';
import { packTensors, sizeOf, unpackParams } from '../model/params';
import { createRng, type Rng } from '../rng';
import { hessianDiagonal } from './hessianDiag';

beforeAll(async () => { await initNodeBackend('wasm'); });

/**
 * Zhou et al.'s h_i (the diagonal of the main-task Hessian) on a Conv4 of 54 parameters (one
 * filter per layer, 16×16 inputs, 3 ways) and one fixed batch of 6 images. The exact diagonal is
 * known in closed form on the dense layer, whose weights the logits are linear in:
 * ∂²L/∂W_jk² = mean_n f_nj²·p_nk(1 − p_nk), ∂²L/∂b_k² = mean_n p_nk(1 − p_nk).
 * (Elsewhere the loss is only piecewise smooth — ReLU and max-pool — at the scale of the
 * estimator's finite-difference step, so a finite-difference "exact" diagonal is not exact there.)
 */
const MODEL: Conv4Shape = { filters: 1, imageSize: 16, channels: 1, ways: 3 };
const spec = conv4Spec(MODEL);
const P = sizeOf(spec); // 4 × (9 + 3) conv/bn + 1×3 + 3 dense = 54
const N = 6;

function batch(seed: number, n = N, ways = MODEL.ways): Batch {
  const rng = createRng(seed);
  const side = MODEL.imageSize;
  return { x: Float32Array.from({ length: n * side * side }, () => rng.next()), y: Int32Array.from({ length: n }, (_, i) => i % ways), n, side };
}
const constant = (b: Batch): EpisodeSource => ({ next: () => b });

const tensorsOf = (v: Float32Array) => unpackParams(spec, v).map((p) => p.tensor);

async function initial(seed: number): Promise<Float32Array> {
  const ts = initConv4(MODEL, seed).map((p) => p.tensor);
  const v = await packTensors(ts);
  tf.dispose(ts);
  return v;
}

async function lossAt(v: Float32Array, b: Batch): Promise<number> {
  const theta = tensorsOf(v);
  const { x, y } = toTensors(b);
  const l = crossEntropy(theta, x, y);
  const out = (await l.data())[0];
  tf.dispose([...theta, x, y, l]);
  return out;
}

async function gradientAt(v: Float32Array, b: Batch): Promise<Float32Array> {
  const theta = tensorsOf(v);
  const { x, y } = toTensors(b);
  const { value, grads } = tf.valueAndGrads((...ws: tf.Tensor[]) => crossEntropy(ws, x, y))(theta);
  const g = await packTensors(grads);
  tf.dispose([...theta, x, y, value, ...grads]);
  return g;
}

/** θ ± h·e_i, and the step actually taken in float32. */
function nudge(v: Float32Array, i: number, h: number): { plus: Float32Array; minus: Float32Array; step: number } {
  const plus = v.slice(), minus = v.slice();
  plus[i] += h;
  minus[i] -= h;
  return { plus, minus, step: plus[i] - minus[i] };
}

/** The gradient by central differences of the loss (independent of tfjs's backward pass). */
async function fdGradient(v: Float32Array, b: Batch, h = 1e-3): Promise<number[]> {
  const g: number[] = [];
  for (let i = 0; i < P; i++) {
    const { plus, minus, step } = nudge(v, i, h);
    g.push(((await lossAt(plus, b)) - (await lossAt(minus, b))) / step);
  }
  return g;
}

/** The dense layer's block of the diagonal in closed form: logits are linear in its weights, so
 *  ∂²L/∂W_jk² = mean_n f_nj²·p_nk(1 − p_nk) and ∂²L/∂b_k² = mean_n p_nk(1 − p_nk). */
async function denseDiagonal(v: Float32Array, b: Batch): Promise<number[]> {
  const theta = tensorsOf(v);
  const { x, y } = toTensors(b);
  const fT = conv4Embed(theta, x), pT = tf.softmax(conv4Logits(theta, x));
  const [f, p] = [await fT.data(), await pT.data()];
  tf.dispose([...theta, x, y, fT, pT]);
  const E = f.length / b.n, K = MODEL.ways;
  const kernel: number[] = [];
  for (let j = 0; j < E; j++) for (let k = 0; k < K; k++) {
    let s = 0;
    for (let n = 0; n < b.n; n++) s += f[n * E + j] ** 2 * p[n * K + k] * (1 - p[n * K + k]);
    kernel.push(s / b.n);
  }
  const bias = Array.from({ length: K }, (_, k) => {
    let s = 0;
    for (let n = 0; n < b.n; n++) s += p[n * K + k] * (1 - p[n * K + k]);
    return s / b.n;
  });
  return [...kernel, ...bias];
}

/** An Rng whose next() returns the given values in order (only next() is scripted). */
function scripted(values: readonly number[]): Rng {
  let k = 0;
  return {
    ...createRng(0),
    next: () => {
      if (k >= values.length) throw new Error('scripted rng exhausted');
      return values[k++];
    },
  };
}

/** Rows of the 64×64 Sylvester–Hadamard matrix, H_si = (−1)^popcount(s & i), first P columns, as
 *  the rng draws the estimator turns into z_si (draw < 0.5 → −1, else +1). */
function hadamardDraws(S: number): number[] {
  const popcount = (x: number) => { let c = 0; for (; x; x &= x - 1) c++; return c; };
  const draws: number[] = [];
  for (let s = 0; s < S; s++) for (let i = 0; i < P; i++) draws.push(popcount(s & i) % 2 === 0 ? 0.75 : 0.25);
  return draws;
}

async function estimate(v: Float32Array, source: EpisodeSource, estimator: 'squared-gradients' | 'hutchinson', samples: number, rng: Rng): Promise<number[]> {
  const theta = tensorsOf(v);
  const h = hessianDiagonal(theta, source, estimator, samples, rng);
  const out = [...(await packTensors(h))];
  tf.dispose([...theta, ...h]);
  return out;
}

/** Every entry within tol × the largest expected entry. */
const expectClose = (actual: readonly number[], expected: readonly number[], tol: number) => {
  expect(actual).toHaveLength(expected.length);
  const worst = Math.max(...actual.map((a, i) => Math.abs(a - expected[i])));
  expect(worst).toBeLessThan(tol * Math.max(...expected.map(Math.abs)));
};
const maxDiff = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((x, i) => Math.abs(x - b[i])));

describe('Hessian diagonal of a 54-parameter Conv4', () => {
  const b = batch(1);
  const DENSE = 6; // the last 6 parameters: dense kernel (1 × 3) and bias (3)
  let theta: Float32Array;
  beforeAll(async () => {
    theta = await initial(5);
  });
  /** The last k entries, each as a share of their sum (so the overall normalisation drops out). */
  const shares = (xs: readonly number[], k = DENSE) => {
    const d = xs.slice(xs.length - k);
    const total = d.reduce((s, x) => s + x, 0);
    return d.map((x) => x / total);
  };

  it('hutchinson: mean over z of z ⊙ (∇L(θ + εz) − ∇L(θ − εz))/2ε, ε = 1e-3, by magnitude, unnormalised', async () => {
    const S = 4, eps = 1e-3;
    const seeded = createRng(7);
    const draws = Array.from({ length: S * P }, () => seeded.next()); // the estimator's rng draws, replayed
    const raw = new Array<number>(P).fill(0);
    for (let s = 0; s < S; s++) {
      const z = draws.slice(s * P, (s + 1) * P).map((d) => (d < 0.5 ? -1 : 1));
      const gp = await gradientAt(Float32Array.from(theta, (x, i) => x + eps * z[i]), b);
      const gm = await gradientAt(Float32Array.from(theta, (x, i) => x - eps * z[i]), b);
      for (let i = 0; i < P; i++) raw[i] += (z[i] * (gp[i] - gm[i])) / (2 * eps) / S;
    }
    const h = await estimate(theta, constant(b), 'hutchinson', S, scripted(draws));
    expectClose(h, raw.map(Math.abs), 1e-4);
    // Documented bias: where the average is negative (negative curvature) it reports the magnitude.
    const neg = raw.indexOf(Math.min(...raw));
    expect(raw[neg]).toBeLessThan(-0.1 * normalisedScale(raw));
    expect(h[neg]).toBeGreaterThan(0);
  });

  it('hutchinson with z over the rows of a Hadamard matrix gives the exact diagonal: the dense block against its closed form', async () => {
    // Σ_s z_si z_sj = 64·[i = j] for Hadamard columns, so (1/64) Σ_s z_s ⊙ H z_s = diag H with no
    // sampling error. The dense block's entries (positive) then stand in the ratios of the closed form.
    const S = 64;
    const exact = await denseDiagonal(theta, b);
    exact.forEach((x) => expect(x).toBeGreaterThan(0));
    const h = await estimate(theta, constant(b), 'hutchinson', S, scripted(hadamardDraws(S)));
    expectClose(shares(h), shares(exact), 0.01);
  });

  it("the same in the paper's units: 2/9 on the bias of a zero dense layer", async () => {
    // Every logit is 0, so p = 1/3 for each of the 3 ways: ∂²L/∂b_k² = mean_n p_k(1 − p_k) = 2/9.
    const zeroed = Float32Array.from(theta, (x, i) => (i >= P - DENSE ? 0 : x));
    const h = await estimate(zeroed, constant(b), 'hutchinson', 64, scripted(hadamardDraws(64)));
    h.slice(P - 3).forEach((x) => expect(x).toBeCloseTo(2 / 9, 3));
  });

  it('squared-gradients: the mean of g ⊙ g over the sampled episodes, unnormalised (≥ 0: no negative curvature)', async () => {
    const g = await fdGradient(theta, b);
    const h = await estimate(theta, constant(b), 'squared-gradients', 3, createRng(0));
    expectClose(h, g.map((x) => x * x), 0.02);
    h.forEach((x) => expect(x).toBeGreaterThanOrEqual(0));
  });

  it('squared-gradients averages over episodes: two batches give (g_A² + g_B²)/2', async () => {
    const b2 = batch(2);
    let k = 0;
    const alternating: EpisodeSource = { next: () => (k++ % 2 === 0 ? b : b2) };
    const [gA, gB] = [await gradientAt(theta, b), await gradientAt(theta, b2)];
    const h = await estimate(theta, alternating, 'squared-gradients', 2, createRng(0));
    expectClose(h, [...gA].map((a, i) => (a * a + gB[i] * gB[i]) / 2), 1e-3);
    // Not either batch alone.
    expect(maxDiff(h, [...gB].map((x) => x * x))).toBeGreaterThan(0.1 * Math.max(...h));
  });

  it("squared-gradients is not the Hessian's diagonal (its documented bias): on the dense bias it is (mean_n p_nk − y_nk)², not mean_n p_nk(1 − p_nk)", async () => {
    const g = await gradientAt(theta, b);
    const exact = await denseDiagonal(theta, b);
    const h = await estimate(theta, constant(b), 'squared-gradients', 1, createRng(0));
    const bias = [...g].slice(P - 3);
    expectClose(shares(h, 3), shares(bias.map((x) => x * x), 3), 1e-3);
    expect(maxDiff(shares(h, 3), shares(exact, 3))).toBeGreaterThan(0.05);
  });
});

/** The mean magnitude of a diagonal (the estimators' unit). */
function normalisedScale(d: readonly number[]): number {
  return d.reduce((s, x) => s + Math.abs(x), 0) / d.length;
}
