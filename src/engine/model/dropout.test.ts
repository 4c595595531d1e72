import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { parseConfig } from '../config/parse';
import { localTrain, minibatchSource } from '../learners/fedavg/trainer';
import { createRng } from '../rng';
import { syntheticGlyphs } from '../data/synthetic';
import { seededDropout } from './fmnistCnn';
import { modelLogits } from './forward';
import type { ModelKind, ModelShape } from './kind';
import { packParams, packTensors } from './params';
import { initModel, models } from './registry';

beforeAll(async () => { await initNodeBackend('wasm'); });

const shape = (kind: ModelKind, side: number, ways = 4): ModelShape => ({ kind, filters: 64, imageSize: side, channels: 1, ways });

describe('seeded inverted dropout (Keras\' Dropout)', () => {
  it('zeroes about `rate` of the units and scales the rest by 1/(1 − rate), the same mask for the same seed', async () => {
    const x = tf.ones([100, 100]);
    const a = await seededDropout(x, 0.25, 7).data();
    const kept = [...a].filter((v) => v !== 0);
    // 10,000 units, p = 0.75 kept: sd of the kept share √(0.75·0.25/10⁴) ≈ 0.0043, so ±0.02 is > 4 sd.
    expect(kept.length / a.length).toBeGreaterThan(0.73);
    expect(kept.length / a.length).toBeLessThan(0.77);
    for (const v of kept) expect(v).toBeCloseTo(1 / 0.75, 6);
    expect([...(await seededDropout(x, 0.25, 7).data())]).toEqual([...a]);
    expect([...(await seededDropout(x, 0.25, 8).data())]).not.toEqual([...a]);
    x.dispose();
  });
});

describe("the Fashion-MNIST CNN's dropout acts in training passes only", () => {
  it('declares model A\'s rates; the other kinds have none', () => {
    expect(models['fmnist-cnn'].dropout).toEqual([0.25, 0.5]);
    expect(models.lenet5.dropout).toBeUndefined();
    expect(models.conv4.dropout).toBeUndefined();
  });

  it('evaluation (no pass) is deterministic; a training pass differs from it, reproducibly by its seed', async () => {
    const p = initModel(shape('fmnist-cnn', 12), 1);
    const w = p.map((q) => q.tensor);
    const x = tf.randomUniform([4, 12, 12, 1], 0, 1, 'float32', 5) as tf.Tensor4D;
    const run = async (seed?: number) => [...(await modelLogits(w, x, seed === undefined ? undefined : { seed }).data())];
    const evaluation = await run();
    expect(await run()).toEqual(evaluation);
    const train = await run(3);
    expect(train).not.toEqual(evaluation);
    expect(await run(3)).toEqual(train);
    expect(await run(4)).not.toEqual(train);
    tf.dispose([x, ...w]);
  });
});

describe('local training with supervised.dropout', () => {
  const ds = syntheticGlyphs({ seed: 2, classes: 4, perClass: 10, size: 12 });
  const items = ds.classes.flatMap((c) => Array.from({ length: c.count }, (_, i) => ({ index: c.start + i, label: c.id })));
  const trainOnce = async (kind: ModelKind, dropout: boolean) => {
    const s = parseConfig({ mode: 'supervised', supervised: { dropout, epochs: 1, batch: 8 } }).supervised;
    const p = initModel(shape(kind, 12), 1);
    const w = localTrain(p.map((q) => q.tensor), minibatchSource(ds, items, 8), 3, s, createRng(11));
    const out = await packTensors(w);
    tf.dispose(w);
    const start = await packParams(p);
    tf.dispose(p.map((q) => q.tensor));
    return { out, start };
  };

  it('changes what the CNN learns, and repeats for the same seed', async () => {
    const on = await trainOnce('fmnist-cnn', true), off = await trainOnce('fmnist-cnn', false);
    expect(on.out).not.toEqual(off.out);
    expect((await trainOnce('fmnist-cnn', true)).out).toEqual(on.out);
  });

  it('leaves a model without dropout exactly as before (no mask seed drawn, the same batches)', async () => {
    expect((await trainOnce('lenet5', true)).out).toEqual((await trainOnce('lenet5', false)).out);
    // The rng ends where 3 batches alone leave it: training drew nothing else from it.
    const s = parseConfig({ mode: 'supervised', supervised: { dropout: true, batch: 8 } }).supervised;
    const p = initModel(shape('lenet5', 12), 1);
    const trained = createRng(11);
    tf.dispose(localTrain(p.map((q) => q.tensor), minibatchSource(ds, items, 8), 3, s, trained));
    tf.dispose(p.map((q) => q.tensor));
    const batchesOnly = createRng(11), source = minibatchSource(ds, items, 8);
    for (let k = 0; k < 3; k++) source.next(batchesOnly);
    expect(trained.next()).toBe(batchesOnly.next());
  });
});
