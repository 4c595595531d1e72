import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { parseConfig } from '../config/parse';
import type { ConfigInput } from '../config/schema';
import { datasetForConfig } from '../data/forConfig';
import { createEvaluator } from '../eval/evaluator';
import { createLocalClients } from './clients';
import { setupExperiment } from './experiment';
import { runFederation, type MetricPoint } from './run';

beforeAll(async () => { await initNodeBackend('wasm'); });

/** Small synthetic federation: 2 users, Conv4 with few filters, 3-shot evaluation with 3 steps. */
const small = (over: ConfigInput = {}): ConfigInput => ({
  seed: 3,
  rounds: 3,
  dataset: { name: 'synthetic', syntheticClasses: 85, syntheticPerClass: 10, metaTrainClasses: 60, metaTestClasses: 20, rotations: 1, validationPerClass: 2 },
  model: { filters: 16 },
  task: { trainShots: 5, testShots: 3 },
  reptile: { episodesPerRound: 40, innerSteps: 5, innerLr: 0.01, outerLr: 0.5 },
  eval: { episodes: 20, steps: 3 },
  federation: { users: 2, perRound: 2, minUpdates: 2 },
  ...over,
});

async function run(input: ConfigInput, onRound?: () => void): Promise<MetricPoint[]> {
  const config = parseConfig(input);
  const ds = await datasetForConfig(config, () => { throw new Error('synthetic only'); });
  const exp = setupExperiment(config, ds);
  const clients = createLocalClients(exp, config, ds);
  const points: MetricPoint[] = [];
  await runFederation({ config, clients, evaluator: createEvaluator(ds, exp), initial: exp.initial }, { onPoint: (p) => points.push(p), onRound });
  clients.forEach((c) => c.dispose());
  return points;
}

describe('federated Reptile on synthetic glyphs', () => {
  it('learns: meta-test accuracy rises from its initial level to far above 5-way chance', async () => {
    const points = await run(small());
    const first = points[0].metaTestAccuracy!, last = points[points.length - 1].metaTestAccuracy!;
    expect(points.map((p) => p.round)).toEqual([0, 1, 2, 3]);
    expect(last).toBeGreaterThan(0.55); // chance is 0.2
    expect(last - first).toBeGreaterThan(0.15);
    expect(points[points.length - 1].metaTestEpisodes).toBe(20);
  });

  it('learns coloured glyphs (RGB, 3 channels) too, in twice the rounds: colour varies per example, so shapes take longer', async () => {
    const base = small();
    const points = await run(small({ rounds: 6, dataset: { ...base.dataset, name: 'synthetic-rgb' } }));
    const first = points[0].metaTestAccuracy!, last = points.at(-1)!.metaTestAccuracy!;
    expect(points.map((p) => p.round)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(last).toBeGreaterThan(0.55); // chance is 0.2
    expect(last - first).toBeGreaterThan(0.2); // seed 3: 0.33 at round 0, 0.70 at round 6
  }, 60_000);

  it('repeats exactly for the same config and seed, and differs for another seed', async () => {
    const cfg = small({ rounds: 1, reptile: { episodesPerRound: 5, innerSteps: 2 }, eval: { episodes: 4, steps: 2 }, model: { filters: 4 } });
    const strip = (ps: MetricPoint[]) => ps.map(({ elapsedMs: _e, ...rest }) => rest);
    const a = strip(await run(cfg)), b = strip(await run(cfg)), c = strip(await run({ ...cfg, seed: 4 }));
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
  });

  it('keeps the tensor count flat across rounds', async () => {
    const counts: number[] = [];
    const cfg = small({ rounds: 4, reptile: { episodesPerRound: 5, innerSteps: 2 }, eval: { episodes: 2, steps: 2 }, model: { filters: 4 } });
    const before = tf.memory().numTensors;
    await run(cfg, () => counts.push(tf.memory().numTensors));
    expect(counts).toHaveLength(4);
    // Round 1 allocates each client's Adam state; after that nothing may accumulate.
    expect(new Set(counts.slice(1)).size).toBe(1);
    expect(counts[3]).toBe(counts[0]);
    expect(tf.memory().numTensors).toBe(before); // clients disposed
  });
});
