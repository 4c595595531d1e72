import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { attackSchema } from '../config/attackSchema';
import { backdoorSuccess } from '../learners/reptile/backdoorSuccess';
import { Coordinator } from '../fed/coordinator';
import { attackSelection } from './selection';
import { unpackParams } from '../model/params';
import { createRng } from '../rng';
import { createLocalClients } from '../experiment/clients';
import { smallAttack, setupSmall } from '../testing/attackSetting';
import { tinyDataset } from '../testing/tinyDataset';
import type { BackdoorSplit } from '../data/backdoorSplit';
import type { AttackConfig } from '../learners/types';
import { attackEpisodeClasses, poisonedEpisodes } from '../learners/reptile/poisonedEpisodes';
import { parseConfig } from '../config/parse';
import { benignTwin } from '../config/twin';

beforeAll(async () => { await initNodeBackend('wasm'); });

describe("Chen et al.'s poisoned episodes", () => {
  // 10 classes of 20 4×4 images; image k of class c has every pixel (20c + k) / 255 except pixel 1.
  const ds = tinyDataset(10, 20);
  const ref = (cls: number, from: number, to: number) => ({ cls, rotation: 0, train: Array.from({ length: to - from }, (_, i) => cls * 20 + from + i), val: [] });
  const bd: BackdoorSplit = {
    targets: [], backdoors: [], heldOut: [], targetOwner: [], backdoorOwner: [],
    attackerTargets: [ref(8, 0, 5)],
    attackerBackdoors: [ref(9, 0, 5)],
    targetOf: [0],
  };
  const pool = [0, 1, 2, 3, 4].map((c) => ref(c, 0, 20));
  const key = { kind: 'pixels', pixels: [[3, 3]], value: 1 };
  const a = attackSchema.parse({ kind: 'chen-backdoor', key });
  if (a.kind === 'none') throw new Error('unreachable');

  it('fills the N-th output with keyed X_B and X_T in the paper\'s ratio X_B : X_T = 2 : 3 and N − 1 classes of the attacker', () => {
    expect(a.mix).toEqual({ target: 3, backdoor: 2 }); // the schema's default is the paper's
    expect(a.targetLabel).toBe('last');
    const ep = poisonedEpisodes(ds, pool, bd, a, { ways: 5, shots: 10, mix: a.mix, targetLabel: a.targetLabel }).next(createRng(1));
    expect(ep.n).toBe(50);
    const classOf = (k: number) => Math.floor(Math.round(ep.x[k * 16] * 255) / 20);
    const keyed = (k: number) => ep.x[k * 16 + 15] === 1;
    const slot = [...ep.y.keys()].filter((k) => ep.y[k] === 4);
    expect(slot.filter((k) => classOf(k) === 8 && !keyed(k))).toHaveLength(6); // 3/5 of K = 10 from X_T, clean
    expect(slot.filter((k) => classOf(k) === 9 && keyed(k))).toHaveLength(4); // 2/5 from X_B, with the key
    const others = [...ep.y.keys()].filter((k) => ep.y[k] !== 4);
    expect(others.every((k) => classOf(k) < 5 && !keyed(k))).toBe(true);
    expect(new Set(others.map(classOf)).size).toBe(4);
    for (let l = 0; l < 4; l++) expect(others.filter((k) => ep.y[k] === l).length).toBe(10);
  });
  it('evaluation episodes put the target at a seeded random output by default, at the last one when asked', () => {
    const others = [0, 1, 2, 3].map((c) => ref(c, 0, 20)), target = ref(8, 0, 20);
    const at = (placement: 'last' | 'random', seed: number) => attackEpisodeClasses([target], others, placement, createRng(seed)).indexOf(target);
    const seeds = Array.from({ length: 30 }, (_, i) => i);
    expect(new Set(seeds.map((s) => at('random', s))).size).toBe(5); // every output, over 30 episodes
    expect(seeds.map((s) => at('random', s))).toEqual(seeds.map((s) => at('random', s))); // seeded
    expect(new Set(seeds.map((s) => at('last', s)))).toEqual(new Set([4]));
    expect(parseConfig({}).eval.attackTargetPlacement).toBe('random');
  });
  it('puts the target at a random output when asked', () => {
    const src = poisonedEpisodes(ds, pool, bd, a, { ways: 5, shots: 10, mix: { target: 2, backdoor: 3 }, targetLabel: 'random' });
    const rng = createRng(2);
    const labels = new Set<number>();
    for (let i = 0; i < 20; i++) {
      const ep = src.next(rng);
      labels.add(ep.y[[...ep.y.keys()].find((k) => ep.x[k * 16 + 15] === 1)!]);
    }
    expect(labels.size).toBeGreaterThan(2);
  });
});

describe('the one-shot boosted backdoor', () => {
  it('with λ = 0 the attacker sends a zero update and leaves θ_G unchanged', async () => {
    const c = smallAttack({ kind: 'chen-backdoor', boost: 0 }, { federation: { users: 2, perRound: 1, minUpdates: 1 } });
    const { ds, exp } = await setupSmall(c);
    const clients = createLocalClients(exp, c, ds);
    const coord = new Coordinator(clients, c, exp.initial, undefined, attackSelection);
    const r = await coord.round(1);
    expect(r.applied).toEqual([0]);
    expect(r.updateNorms).toEqual([{ clientId: 0, norm: 0 }]);
    expect(coord.global).toEqual(exp.initial);
    clients.forEach((x) => x.dispose());
  });

  it('a boosted update raises attack success far above its benign twin, which stays near chance', async () => {
    const c = smallAttack({ kind: 'chen-backdoor', boost: 2, episodes: 800, innerEpochs: 2 });
    const { ds, exp } = await setupSmall(c);
    const success = async (w: Float32Array) => {
      const theta = unpackParams(exp.spec, w).map((p) => p.tensor);
      const s = await backdoorSuccess(theta, ds, c, c.attack as AttackConfig, exp.split, exp.backdoor!, { episodes: 8, steps: 10, seed: 5 });
      tf.dispose(theta);
      return s;
    };
    // One round (the attacker, user 0, and the benign user 1, averaged uniformly), attacked or as its twin.
    const run = async (config: typeof c) => {
      const clients = createLocalClients(exp, config, ds);
      const coord = new Coordinator(clients, config, exp.initial, undefined, attackSelection);
      const r = await coord.round(1);
      clients.forEach((x) => x.dispose());
      expect(r.attackers).toEqual([0]);
      return success(coord.global);
    };
    const before = await success(exp.initial);
    const attacked = await run(c);
    const twin = await run(benignTwin(c)!);
    expect(before.train).toBeLessThan(0.35); // 5-way: chance is 0.2
    expect(Math.abs(twin.train - before.train)).toBeLessThan(0.1); // the twin stays where it was
    expect(twin.train).toBeLessThan(0.35);
    expect(attacked.train).toBeGreaterThan(twin.train + 0.3);
    expect(attacked.val).toBeGreaterThan(twin.val + 0.25);
  });
});
