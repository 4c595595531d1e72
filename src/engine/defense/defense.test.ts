import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { packTensors } from '../model/params';
import { parseConfig } from '../config/parse';
import type { ConfigInput } from '../config/schema';
import { syntheticGlyphs } from '../data/synthetic';
import { conv4Embed, initConv4, type Conv4Shape } from '../model/conv4';
import { accuracy, toTensors } from '../learners/reptile/learner';
import { createRng } from '../rng';
import { setupExperiment } from '../experiment/experiment';
import { makeBatch, type Batch } from '../data/batch';
import { createMatching } from './matching';
import { embeddingParams, matchingScores, plainHead } from './matchingNet';
import { runFineTunePhase, type FineTunePoint } from './phase';
import { mixWithFreshInit } from './randomMix';
import { createFineTuner, fineTuners } from './registry';
import type { Classify } from './types';
import { argmaxRow } from '../tasks/backdoorProbe';

beforeAll(async () => { await initNodeBackend('wasm'); });

const shape: Conv4Shape = { filters: 8, imageSize: 16, channels: 1, ways: 4 };
const reptile = parseConfig({}).reptile;
const matchingConfig = (o: object = {}) => parseConfig({ defense: { fineTune: { kind: 'matching', iterations: 30, every: 10, warmup: 10, lr: 0.01, ...o } } }).defense.fineTune as Extract<ReturnType<typeof parseConfig>['defense']['fineTune'], { kind: 'matching' }>;

/** 4 classes of 16×16 images: class c is a vertical bar at column 3c + 2, plus seeded noise. */
function bars(perClass: number, seed: number): Batch {
  const rng = createRng(seed), side = 16, n = 4 * perClass;
  const x = new Float32Array(n * side * side), y = new Int32Array(n);
  for (let k = 0; k < n; k++) {
    y[k] = k % 4;
    for (let i = 0; i < side; i++) for (let j = 0; j < side; j++)
      x[k * side * side + i * side + j] = (j === 3 * y[k] + 2 || j === 3 * y[k] + 3 ? 0.8 : 0) + 0.2 * rng.next();
  }
  return { x, y, n, side };
}

/** Arg-max labels of n rows of probabilities. */
const labels = (p: Float32Array, n: number): Int32Array => Int32Array.from({ length: n }, (_, r) => argmaxRow(p, r, p.length / n));

/** Run a fine-tuner and collect the accuracy on `query` at each checkpoint. */
async function curve(run: (at: (i: number, c: Classify) => Promise<void>) => Promise<void>, query: Batch): Promise<Map<number, number>> {
  const out = new Map<number, number>();
  await run(async (i, classify) => { out.set(i, accuracy(labels(await classify(query), query.n), query.y)); });
  return out;
}

describe('matching-network fine-tuning', () => {
  it('classifies a separable toy task from a random start (δ = 0)', async () => {
    const theta = initConv4(shape, 1).map((p) => p.tensor);
    const start = mixWithFreshInit(theta, shape, 0, 7);
    const acc = await curve((at) => createMatching(matchingConfig(), { model: shape, reptile }).run(start, bars(3, 1), at, createRng(2)), bars(2, 3));
    expect([...acc.keys()]).toEqual([0, 10, 20, 30]);
    expect(acc.get(30)).toBe(1);
    tf.dispose([...theta, ...start]);
  });

  it('with δ = 1 starts as the plain matching network on θ; with δ = 0 ignores θ', async () => {
    // glyphs, where two random models disagree (on the bars task every model is right)
    const ds = syntheticGlyphs({ seed: 2, classes: 4, perClass: 6, size: 16 });
    const glyphs = (from: number, to: number) => makeBatch(ds, [0, 1, 2, 3].flatMap((c) => Array.from({ length: to - from }, (_, k) => ({ index: c * 6 + from + k, rotation: 0, label: c }))));
    const support = glyphs(0, 3), query = glyphs(3, 6);
    const first = async (theta: tf.Tensor[], delta: number) => {
      const start = mixWithFreshInit(theta, shape, delta, 9);
      let pred: Int32Array | undefined;
      await createMatching(matchingConfig({ iterations: 1, every: 1 }), { model: shape, reptile }).run(start, support, async (i, c) => { if (i === 0) pred = labels(await c(query), query.n); }, createRng(1));
      tf.dispose(start);
      return [...pred!];
    };
    const plain = (theta: tf.Tensor[]) => tf.tidy(() => {
      const s = toTensors(support), q = toTensors(query), e = embeddingParams(theta);
      return [...(tf.argMax(matchingScores(conv4Embed(e, s.x), s.y, conv4Embed(e, q.x), plainHead(4, 8, 1)), 1).dataSync() as Int32Array)];
    });
    const a = initConv4(shape, 21).map((p) => p.tensor), b = initConv4(shape, 22).map((p) => p.tensor);
    const g = initConv4(shape, 9).map((p) => p.tensor);
    expect(await first(a, 1)).toEqual(await plain(a));
    expect(await first(b, 1)).toEqual(await plain(b));
    expect(plain(a)).not.toEqual(plain(b)); // the check has teeth: the two models disagree
    expect(await first(a, 0)).toEqual(await first(b, 0));
    expect(await first(a, 0)).toEqual(await plain(g));
    tf.dispose([...a, ...b, ...g]);
  });

});

type FineTuneInput = NonNullable<NonNullable<ConfigInput['defense']>['fineTune']>;

describe.each(Object.keys(fineTuners) as (keyof typeof fineTuners)[])('fine-tuner contract: %s', (kind) => {
  const warmup = (n: number) => (kind === 'matching' ? { warmup: n } : {});
  const config = parseConfig({ defense: { fineTune: { kind, iterations: 5, every: 2, ...warmup(2) } as FineTuneInput } }).defense.fineTune;
  const tuner = () => createFineTuner(config, { model: shape, reptile })!;

  it('reports at iteration 0, every `every` iterations and the last, leaves θ untouched and no tensors behind', async () => {
    const theta = initConv4(shape, 3).map((p) => p.tensor);
    const before = await packTensors(theta);
    const count = tf.memory().numTensors;
    for (let r = 0; r < 2; r++) {
      const seen: number[] = [];
      await tuner().run(theta, bars(2, r), async (i, classify) => { seen.push(i); const b = bars(1, 9); expect(await classify(b)).toHaveLength(b.n * shape.ways); }, createRng(r));
      expect(seen).toEqual([0, 2, 4, 5]);
    }
    expect(tf.memory().numTensors).toBe(count);
    expect(await packTensors(theta)).toEqual(before);
    tf.dispose(theta);
  });

  it('classifies the separable toy task after fine-tuning from a random start', async () => {
    const theta = initConv4(shape, 5).map((p) => p.tensor);
    const c = parseConfig({ defense: { fineTune: { kind, iterations: 40, every: 40, lr: 0.01, ...warmup(10) } as FineTuneInput } }).defense.fineTune;
    const acc = await curve((at) => createFineTuner(c, { model: shape, reptile })!.run(theta, bars(3, 1), at, createRng(2)), bars(2, 3));
    expect(acc.get(40)).toBe(1);
    tf.dispose(theta);
  });
});

describe('the fine-tuning phase', () => {
  const small = (fineTune: { kind: 'supervised' | 'matching' } & Record<string, unknown>): ConfigInput => ({
    seed: 4,
    dataset: { name: 'synthetic', syntheticClasses: 30, syntheticPerClass: 8, metaTrainClasses: 16, metaTestClasses: 8, rotations: 1, validationPerClass: 2 },
    model: { filters: 4, imageSize: 16 },
    task: { ways: 3, trainShots: 3, testShots: 2 },
    federation: { users: 2, perRound: 2, minUpdates: 2 },
    defense: { fineTune: { iterations: 4, every: 2, episodes: 2, ...fineTune } as FineTuneInput },
  });
  const phase = async (input: ConfigInput) => {
    const config = parseConfig(input);
    const ds = syntheticGlyphs({ seed: 1, classes: 30, perClass: 8, size: 16 });
    const exp = setupExperiment(config, ds);
    const points: FineTunePoint[] = [];
    await runFineTunePhase({ setup: exp, config, ds, global: exp.initial, round: 7 }, { onPoint: (p) => points.push(p) });
    return points.map(({ elapsedMs: _e, ...p }) => p);
  };

  it('reports, per benign user and checkpoint, main-task and meta-testing accuracy; reproducibly', async () => {
    const cfg = small({ kind: 'matching', warmup: 2, delta: 0.5 });
    const points = await phase(cfg);
    expect(points.map((p) => [p.user, p.iteration])).toEqual([[0, 0], [0, 2], [0, 4], [1, 0], [1, 2], [1, 4]]);
    for (const p of points) {
      expect(p).toMatchObject({ phase: 'fine-tune', kind: 'matching', round: 7, episodes: 2 });
      expect(p.mainTaskAccuracy).toBeGreaterThanOrEqual(0);
      expect(p.metaTestAccuracy).toBeLessThanOrEqual(1);
    }
    expect(await phase(cfg)).toEqual(points);
    expect(await phase({ ...cfg, seed: 5 })).not.toEqual(points);
  });

  it('does nothing without a fine-tuning defense', async () => {
    expect(await phase({ ...small({ kind: 'supervised' }), defense: {} })).toEqual([]);
  });

  it('runs extra local meta-training first when asked (appendix A.4), which changes the start', async () => {
    const fast = { reptile: { metaBatch: 1, innerSteps: 3, innerLr: 0.01, outerLr: 1 } };
    const base = await phase({ ...small({ kind: 'matching', delta: 1, warmup: 4 }), ...fast });
    const local = await phase({ ...small({ kind: 'matching', delta: 1, warmup: 4, localMetaEpisodes: 10 }), ...fast });
    expect(local.map((p) => [p.user, p.iteration])).toEqual(base.map((p) => [p.user, p.iteration]));
    expect(local).not.toEqual(base);
  });
});
