import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse';
import { outerUpdate } from '../learners/reptile/reptile';
import { createRng } from '../rng';
import { createFedAvg } from './aggregators/fedavg';
import type { ClientUpdate, FederatedClient } from './client';
import { Coordinator } from './coordinator';
import { firstArrivals, selectUsers } from './selection';

beforeAll(async () => { await tf.setBackend('cpu'); });

const u = (clientId: number, delta: number[], numExamples = 1): ClientUpdate => ({ clientId, delta: Float32Array.from(delta), numExamples });

describe('Reptile outer step', () => {
  it('moves θ a fraction ε of the way to the mean adapted weights', () => {
    const theta = [tf.tensor1d([1, 2])];
    const sums = [tf.tensor1d([3 + 3, 5 + 7])]; // two episodes ended at [3, 5] and [3, 7] → mean [3, 6]
    const [next] = outerUpdate(theta, sums, 2, 0.5);
    expect([...next.dataSync()]).toEqual([2, 4]);
  });
});

describe('FedAvg', () => {
  it('weights updates by dataset size', () => {
    const r = createFedAvg({ kind: 'fedavg', weighting: 'size' }).aggregate({ global: new Float32Array(2), updates: [u(0, [4, 0], 3), u(1, [0, 4], 1)] });
    expect([...r.delta]).toEqual([3, 1]);
    expect(r.weights).toEqual([{ clientId: 0, weight: 0.75 }, { clientId: 1, weight: 0.25 }]);
  });
  it('or uniformly', () => {
    const r = createFedAvg({ kind: 'fedavg', weighting: 'uniform' }).aggregate({ global: new Float32Array(2), updates: [u(0, [4, 0], 3), u(1, [0, 4], 1)] });
    expect([...r.delta]).toEqual([2, 2]);
  });
});

describe('selection', () => {
  it('selects M_round distinct users, reproducibly, and applies the first M_min', () => {
    const s = selectUsers([0, 1, 2, 3, 4], 3, createRng(1));
    expect(new Set(s).size).toBe(3);
    expect(selectUsers([0, 1, 2, 3, 4], 3, createRng(1))).toEqual(s);
    const a = firstArrivals(s, 2, createRng(9));
    expect(a).toHaveLength(2);
    a.forEach((id) => expect(s).toContain(id));
  });
});

describe('coordinator round', () => {
  /** A client whose update is its id in every coordinate, recording what it was sent. */
  const fake = (id: number, seen: number[][]): FederatedClient => ({
    id,
    async train({ weights }) { seen[id].push(weights[0]); return u(id, [id, id], 1); },
    configure() {},
    dispose() {},
  });

  it('applies θ_G ← θ_G + Σ α_i δ_i over the applied users and sends θ_G to them', async () => {
    const seen: number[][] = [[], [], [], []];
    const config = parseConfig({ federation: { users: 4, perRound: 3, minUpdates: 2, aggregator: { kind: 'fedavg', weighting: 'uniform' } } });
    const coord = new Coordinator([0, 1, 2, 3].map((i) => fake(i, seen)), config, Float32Array.from([10, 10]));
    const r = await coord.round(1);
    expect(r.selected).toHaveLength(3);
    expect(r.applied).toHaveLength(2);
    const mean = (r.applied[0] + r.applied[1]) / 2;
    expect([...coord.global]).toEqual([10 + mean, 10 + mean]);
    r.applied.forEach((id) => expect(seen[id]).toEqual([10]));
    // the same seed and round choose the same users
    const again = new Coordinator([0, 1, 2, 3].map((i) => fake(i, [[], [], [], []])), config, Float32Array.from([10, 10]));
    expect((await again.round(1)).applied).toEqual(r.applied);
  });

  it('scales the aggregate by the server\'s η (Zhou et al. eq. 1): θ_G ← θ_G + η·Σ α_i δ_i', async () => {
    // All 4 users applied, uniform weights: the mean update is (0 + 1 + 2 + 3)/4 = 1.5 per
    // coordinate; η = 0.04 steps θ_G by 0.06, and the report's step norm is that step's.
    const config = parseConfig({ federation: { users: 4, perRound: 4, minUpdates: 4, serverLr: 0.04, aggregator: { kind: 'fedavg', weighting: 'uniform' } } });
    const coord = new Coordinator([0, 1, 2, 3].map((i) => fake(i, [[], [], [], []])), config, Float32Array.from([10, 10]));
    const r = await coord.round(1);
    expect([...coord.global].map((x) => Math.round(x * 1e5) / 1e5)).toEqual([10.06, 10.06]);
    expect(r.stepNorm).toBeCloseTo(0.06 * Math.SQRT2, 6);
  });
});
