import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { parseConfig } from '../config/parse';
import type { ConfigInput } from '../config/schema';
import { datasetForConfig } from '../data/forConfig';
import { createEvaluator } from '../eval/evaluator';
import { createLocalClients } from '../experiment/clients';
import { setupExperiment } from '../experiment/experiment';
import { runFederation, type MetricPoint } from '../experiment/run';
import { modelSpec } from './registry';

beforeAll(async () => { await initNodeBackend('wasm'); });

/** The greyscale learning test's federation (experiment/sim.test.ts) on coloured glyphs, twice the rounds: colour varies per example, so shapes take longer. */
const rgb = (over: ConfigInput = {}): ConfigInput => ({
  seed: 3,
  rounds: 6,
  dataset: { name: 'synthetic-rgb', syntheticClasses: 85, syntheticPerClass: 10, metaTrainClasses: 60, metaTestClasses: 20, rotations: 1, validationPerClass: 2 },
  model: { filters: 16 },
  task: { trainShots: 5, testShots: 3 },
  reptile: { episodesPerRound: 40, innerSteps: 5, innerLr: 0.01, outerLr: 0.5 },
  eval: { episodes: 20, steps: 3 },
  federation: { users: 2, perRound: 2, minUpdates: 2 },
  ...over,
});

describe('Conv4 on RGB input', () => {
  it('takes 3 input channels in its first kernel, and 84×84 ends as 6×6×64 features (84 → 42 → 21 → 11 → 6)', () => {
    const spec = modelSpec({ kind: 'conv4', filters: 64, imageSize: 84, channels: 3, ways: 5 });
    expect(spec[0]).toEqual({ name: 'conv0/kernel', shape: [3, 3, 3, 64] });
    expect(spec.at(-2)).toEqual({ name: 'dense/kernel', shape: [6 * 6 * 64, 5] });
  });

  it('learns coloured glyphs: meta-test accuracy rises from its initial level to far above 5-way chance', async () => {
    const config = parseConfig(rgb());
    const ds = await datasetForConfig(config, () => { throw new Error('synthetic only'); });
    const exp = setupExperiment(config, ds);
    expect(exp.model.channels).toBe(3);
    const clients = createLocalClients(exp, config, ds);
    const points: MetricPoint[] = [];
    await runFederation({ config, clients, evaluator: createEvaluator(ds, exp), initial: exp.initial }, { onPoint: (p) => points.push(p) });
    clients.forEach((c) => c.dispose());
    const first = points[0].metaTestAccuracy!, last = points.at(-1)!.metaTestAccuracy!;
    expect(points.map((p) => p.round)).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(last).toBeGreaterThan(0.55); // chance is 0.2
    expect(last - first).toBeGreaterThan(0.2); // seed 3: 0.33 at round 0, 0.70 at round 6
  }, 60_000);
});
