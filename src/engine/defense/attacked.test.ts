import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { parseConfig } from '../config/parse';
import { syntheticGlyphs } from '../data/synthetic';
import { packTensors, unpackParams } from '../model/params';
import { innerAdam, metaTrain } from '../learners/reptile/reptile';
import type { EpisodeSource } from '../learners/types';
import { createRng } from '../rng';
import { setupExperiment } from '../experiment/experiment';
import { metaTrainPool, splitClasses } from '../tasks/classSplit';
import { sampleEpisode } from '../tasks/episodes';
import { makeBatch, type Batch } from '../data/batch';
import { runFineTunePhase, type FineTunePoint } from './phase';
import { fineTuneTasks, type AttackProbes } from './tasks';

beforeAll(async () => { await initNodeBackend('wasm'); });

/**
 * A small attacked setting built without the attack engine: Conv4 (8 filters, 16×16 glyphs)
 * meta-trained only on Chen-style poisoned episodes — N − 1 benign classes plus the target class,
 * whose K examples are 3 clean target images and 2 backdoor images carrying a checkerboard key,
 * all labelled as the target. Backdoor images of 4 classes: 5 each for the attack-training set,
 * 5 each held out for attack validation.
 */
describe('the matching-network defense on an attacked model', () => {
  const config = parseConfig({
    seed: 5,
    dataset: { name: 'synthetic', syntheticClasses: 45, syntheticPerClass: 14, metaTrainClasses: 30, metaTestClasses: 10, rotations: 1, validationPerClass: 2 },
    model: { filters: 8, imageSize: 16 },
    task: { trainShots: 5, testShots: 3 },
    federation: { users: 2, perRound: 2, minUpdates: 2 },
    reptile: { innerSteps: 10, outerLr: 0.5, innerLr: 0.003 },
  });
  const ds = syntheticGlyphs({ seed: 8, classes: 45, perClass: 14, size: 16 });
  const split = splitClasses(ds, { seed: 5, users: 2, metaTrainClasses: 30, metaTestClasses: 10, rotations: 1, validationPerClass: 2, reserve: { target: 1, backdoor: 4 } });
  let exp: ReturnType<typeof setupExperiment>;
  const { target: [target], backdoor } = split.reserved;
  const side = 16, px = side * side, N = config.task.ways, K = config.task.trainShots;
  const keyed = (from: number, to: number): Batch => {
    const b = makeBatch(ds, backdoor.flatMap((c) => c.train.slice(from, to).map((index) => ({ index, rotation: 0, label: 0 }))));
    for (let k = 0; k < b.n; k++) for (let i = side - 5; i < side - 1; i++) for (let j = side - 5; j < side - 1; j++) b.x[k * px + i * side + j] = (i + j) % 2;
    return b;
  };
  const attackTrain = keyed(0, 5), attackVal = keyed(5, 10);
  const poisoned: EpisodeSource = {
    next(rng) {
      const benign = sampleEpisode(ds, metaTrainPool(split), { ways: N - 1, shots: K, queries: 0, querySource: 'train' }, rng).support;
      const clean = makeBatch(ds, rng.sample(target.train.length, 3).map((i) => ({ index: target.train[i], rotation: 0, label: N - 1 })));
      const x = new Float32Array((benign.n + K) * px);
      x.set(benign.x);
      x.set(clean.x, benign.n * px);
      for (let k = 0; k < 2; k++) { const r = rng.int(attackTrain.n); x.set(attackTrain.x.subarray(r * px, (r + 1) * px), (benign.n + 3 + k) * px); }
      const y = new Int32Array(benign.n + K).fill(N - 1);
      y.set(benign.y);
      return { x, y, n: benign.n + K, side };
    },
  };
  const probes: AttackProbes = { targets: [target], sets: [{ metric: 'attackTrainSuccess', batch: attackTrain }, { metric: 'attackValSuccess', batch: attackVal }] };
  const mainEpisodes = fineTuneTasks(ds, split, { ways: N, shots: config.task.testShots }, probes);
  const tasks = { draw: (user: number, rng: ReturnType<typeof createRng>) => mainEpisodes.draw(user, rng).slice(0, 1) };

  let attacked: Float32Array;
  const curves = async (fineTune: object): Promise<FineTunePoint[]> => {
    const points: FineTunePoint[] = [];
    const c = parseConfig({ ...config, defense: { fineTune: { episodes: 3, warmup: 10, ...fineTune } } });
    await runFineTunePhase({ setup: exp, ds, global: attacked, round: 1, users: [1], tasks, config: c }, { onPoint: (p) => points.push(p) });
    return points;
  };

  beforeAll(async () => {
    exp = { ...setupExperiment(config, ds), split };
    const theta = unpackParams(exp.spec, exp.initial).map((p) => p.tensor);
    const adam = innerAdam(config.reptile);
    const w = metaTrain(theta, poisoned, config.reptile, 60, adam, createRng(1));
    attacked = await packTensors(w);
    tf.dispose([...theta, ...w]);
    adam.dispose();
  });

  it('as a plain matching network (δ = 1) the attacked model maps backdoor images to the target; δ = 0.3 fine-tuning removes it', async () => {
    const [before] = await curves({ kind: 'matching', delta: 1, iterations: 1 });
    expect(before.iteration).toBe(0);
    expect(before.attackTrainSuccess).toBeGreaterThan(0.7);
    expect(before.attackValSuccess).toBeGreaterThan(0.6);
    const after = (await curves({ kind: 'matching', delta: 0.3, iterations: 40, every: 20 })).at(-1)!;
    expect(after.iteration).toBe(40);
    expect(after.attackTrainSuccess).toBeLessThan(0.45);
    expect(after.attackValSuccess).toBeLessThan(0.45);
    expect(after.mainTaskAccuracy).toBeGreaterThan(0.45); // 5-way chance is 0.2
  });
});
