import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { createLocalClients } from '../experiment/clients';
import { createFedAvg } from '../fed/aggregators/fedavg';
import type { ClientUpdate, FederatedClient } from '../fed/client';
import { add, scale, sub } from '../model/vec';
import { setupSmall, smallAttack } from '../testing/attackSetting';
import { alternationLengths, type AttackerClient } from './attacker';
import { learnerFor } from '../learners/registry';
import { parseConfig } from '../config/parse';
import { boostAdversarial } from './bhagojiAlternating';
import { explicitUpdate, optimisationStart } from './bhagojiExplicit';
import { UpdateHistory } from './estimation';
import { OptimiserSlot } from '../optim/slot';
import { phaseSlots } from '../testing/phaseSlots';

beforeAll(async () => { await initNodeBackend('wasm'); });

const v = (...x: number[]) => Float32Array.from(x);
const u = (clientId: number, delta: Float32Array, numExamples = 1): ClientUpdate => ({ clientId, delta, numExamples });
const fedavg = (weighting: 'size' | 'uniform', updates: ClientUpdate[]) => createFedAvg({ kind: 'fedavg', weighting }).aggregate({ global: new Float32Array(updates[0].delta.length), updates }).delta;
const closeTo = (actual: Float32Array | null, expected: readonly number[]) => {
  expect(actual).not.toBeNull();
  expect(actual!).toHaveLength(expected.length);
  actual!.forEach((x, i) => expect(x).toBeCloseTo(expected[i], 5));
};

describe('an alternation\'s lengths (Bhagoji\'s and Zhou\'s alternating attacks)', () => {
  it('splits episodes over epochs with benignRatio as many benign, floored at the learner\'s unit', () => {
    expect(alternationLengths({ episodes: 10, epochs: 5, benignRatio: 2 }, 1)).toEqual({ adversarial: 2, benign: 4 });
    expect(alternationLengths({ episodes: 10, epochs: 5, benignRatio: 2 }, 5)).toEqual({ adversarial: 5, benign: 10 });
    expect(alternationLengths({ episodes: 60, epochs: 3, benignRatio: 1 }, 1)).toEqual({ adversarial: 20, benign: 20 });
    expect(alternationLengths({ episodes: 10, epochs: 5, benignRatio: 0.1 }, 5)).toEqual({ adversarial: 5, benign: 5 });
  });
  it('is a meta-batch of episodes in meta-learning and one optimiser step in supervised mode', () => {
    expect(learnerFor({ mode: 'meta' }).minTrainLength(parseConfig({ reptile: { metaBatch: 5 } }))).toBe(5);
    expect(learnerFor({ mode: 'supervised' }).minTrainLength(parseConfig({ reptile: { metaBatch: 5 } }))).toBe(1);
  });
});

describe('λ = 1/α_m (Bhagoji 3.2.1: boosting cancels the server\'s averaging weight)', () => {
  it('α_m = η/M_min (η = 1 by default) under uniform and dataset-size weighting alike (the attacker assumes equal |D_i|)', async () => {
    const cases = [
      [{ users: 2, perRound: 2, minUpdates: 2 }, 'uniform', 1 / 2],
      [{ users: 5, perRound: 4, minUpdates: 3 }, 'uniform', 1 / 3],
      [{ users: 5, perRound: 4, minUpdates: 3 }, 'size', 1 / 3],
      // Under a server learning rate η (Zhou et al. eq. 1) only η/n of the update reaches θ_G:
      // 1/α_m is then Zhou's and Bagdasaryan's n/η = 2/0.04 = 50.
      [{ users: 2, perRound: 2, minUpdates: 2, serverLr: 0.04 }, 'uniform', 0.04 / 2],
    ] as const;
    for (const [federation, weighting, alpha] of cases) {
      const c = smallAttack({ kind: 'bhagoji-explicit', boostInverseWeight: true }, { federation: { ...federation, aggregator: { kind: 'fedavg', weighting } } });
      const { ds, exp } = await setupSmall(c);
      const attacker = createLocalClients(exp, c, ds)[0] as AttackerClient<'bhagoji-explicit'>;
      expect(attacker.alpha).toBe(alpha);
      attacker.dispose();
    }
  });

  it('FedAvg then applies exactly the unboosted δ̃ (uniform, or size-weighted with equal |D_i|), by hand', () => {
    // δ̃ = [0.5, −1], λ = 3 among 3 updates; the benign [3, 0] and [0, 6] contribute [1, 2].
    const sent = scale(v(0.5, -1), 3);
    const step = [1.5, 1]; // δ̃ + [1, 2]
    closeTo(fedavg('uniform', [u(0, sent), u(1, v(3, 0)), u(2, v(0, 6))]), step);
    closeTo(fedavg('size', [u(0, sent, 20), u(1, v(3, 0), 20), u(2, v(0, 6), 20)]), step);
    // With unequal sizes the attacker's real weight is |D_m|/Σ|D_i| = 30/60, not 1/3: λα_m = 1.5,
    // the step is 1.5·δ̃ + [3, 0]/6 + [0, 6]/3 = [1.25, 0.5]. (The documented assumption.)
    closeTo(fedavg('size', [u(0, sent, 30), u(1, v(3, 0), 10), u(2, v(0, 6), 20)]), [1.25, 0.5]);
  });

  it('the explicit-boosting client sends M_min times its unboosted update with boostInverseWeight', async () => {
    const federation = { users: 3, perRound: 3, minUpdates: 3 };
    const send = async (attack: object) => {
      const c = smallAttack({ kind: 'bhagoji-explicit', episodes: 10, innerEpochs: 1, ...attack }, { federation });
      const { ds, exp } = await setupSmall(c);
      const attacker = createLocalClients(exp, c, ds)[0];
      const r = await attacker.train({ round: 1, weights: exp.initial, seed: 31 });
      attacker.dispose();
      return r.delta;
    };
    const plain = await send({ boost: 1 });
    expect([...(await send({ boost: 1, boostInverseWeight: true }))]).toEqual([...scale(plain, 3)]);
  });
});

describe("Bhagoji 4.2.1: previous-step estimate δ̂ = θ_G^t − θ_G^{t−1} − α_m·δ_m^{t−1}, through FedAvg", () => {
  it('is the other users\' weighted contribution when their updates repeat', () => {
    // Round 1: θ_G = [1, 1]; the attacker sends [6, 3], the benign users [3, 0] and [0, 6]; uniform, α = 1/3.
    // θ_G² = [1, 1] + [9, 9]/3 = [4, 4]; δ̂ = [3, 3] − [6, 3]/3 = [1, 2] = ([3, 0] + [0, 6])/3.
    const theta1 = v(1, 1), sent = v(6, 3), b1 = v(3, 0), b2 = v(0, 6);
    const theta2 = add(theta1, fedavg('uniform', [u(0, sent), u(1, b1), u(2, b2)]));
    closeTo(theta2, [4, 4]);
    const h = new UpdateHistory();
    h.record(1, theta1, sent, 1 / 3);
    closeTo(h.others(2, theta2, 1 / 3), [1, 2]);
    closeTo(h.benignMean(2, theta2), [1.5, 3]); // Zhou's Δ̄_ben: the benign users' mean update
  });
  it('assumes the benign mean update stayed the same over rounds the attacker missed', () => {
    // Attacker at round 1 (α = 1/3, sends [3, −3]) with two benign users sending m = [2, 1]; rounds 2
    // and 3 are benign only (every user sends m). θ_G: [0, 0] → [1 + 4/3, −1 + 2/3] → +m → +m.
    const m = v(2, 1);
    let theta = add(v(0, 0), fedavg('uniform', [u(0, v(3, -3)), u(1, m), u(2, m)]));
    for (let t = 2; t <= 3; t++) theta = add(theta, fedavg('uniform', [u(1, m), u(2, m), u(3, m)]));
    const h = new UpdateHistory();
    h.record(1, v(0, 0), v(3, -3), 1 / 3);
    closeTo(h.benignMean(4, theta), [2, 1]);
    closeTo(h.others(4, theta, 1 / 3), [4 / 3, 2 / 3]); // (1 − α)·m
  });
});

describe('Bhagoji 4.1: pre- and post-optimisation correction on hand-made updates (λ = 3, α_m = 1/3)', () => {
  const global = v(1, 1);
  const est = v(0.5, -1); // δ̂: the benign users' [1.5, 0] and [0, −3], weighted 1/3 each
  const benign = [u(1, v(1.5, 0)), u(2, v(0, -3))];
  const land = (sent: Float32Array) => add(global, fedavg('uniform', [u(0, sent), ...benign]));

  it('pre: optimise from θ_G + δ̂ and send λ(θ̃ − θ_G − δ̂); the server lands on θ̃', () => {
    const start = optimisationStart(global, est, 'pre');
    expect([...start]).toEqual([1.5, 0]);
    const local = v(2.5, 1); // θ̃: where the attacker's training took it from start
    const sent = explicitUpdate(local, start, est, 'pre', 3);
    expect([...sent]).toEqual([3, 3]);
    closeTo(land(sent), [2.5, 1]);
  });

  it('post: optimise from θ_G and send λ(θ̃ − θ_G) − λδ̂; the others\' effect cancels and the server lands on θ̃', () => {
    const start = optimisationStart(global, est, 'post');
    expect([...start]).toEqual([1, 1]);
    const local = v(2, 3);
    const sent = explicitUpdate(local, start, est, 'post', 3);
    expect([...sent]).toEqual([1.5, 9]); // 3·([1, 2] − [0.5, −1])
    closeTo(land(sent), [2, 3]);
    // Without correction the server lands on θ̃ + δ̂.
    const plain = explicitUpdate(local, optimisationStart(global, est, 'none'), est, 'none', 3);
    expect([...plain]).toEqual([3, 6]);
    closeTo(land(plain), [2.5, 2]);
  });

  it('without an estimate (first participation) both reduce to λ(θ̃ − θ_G)', () => {
    for (const e of ['pre', 'post'] as const) {
      const start = optimisationStart(global, null, e);
      expect([...start]).toEqual([1, 1]);
      expect([...explicitUpdate(v(2, 3), start, null, e, 3)]).toEqual([3, 6]);
    }
  });
});

describe('Algorithm 1 line 6: explicit boosting of the adversarial step', () => {
  it('w̃ = w + λ(w_adv − w), by hand', async () => {
    const w = [tf.tensor1d([1, 2]), tf.tensor1d([0])];
    const adv = [tf.tensor1d([2, 0]), tf.tensor1d([0.5])];
    const out = boostAdversarial(w, adv, 3);
    expect([...(await out[0].data())]).toEqual([4, -4]);
    expect([...(await out[1].data())]).toEqual([1.5]);
    tf.dispose([...w, ...adv, ...out]);
  });
});

describe('the clients apply the corrections to their own training', () => {
  // Two users, M_min = 2: α_m = 1/2 and λ = 1/α_m = 2. Round 1 from θ¹ (no history: no
  // correction); round 2 from θ² = θ¹ + α_m·u¹ + c, so that the paper's δ̂ = θ² − θ¹ − α_m·u¹ = c.
  const alpha = 1 / 2, lambda = 2;
  const setup = async (attack: object) => {
    const c = smallAttack({ episodes: 10, innerEpochs: 1, schedule: { kind: 'multi-shot', from: 1 }, boostInverseWeight: true, ...attack });
    const { ds, exp } = await setupSmall(c);
    return { client: () => createLocalClients(exp, c, ds)[0], theta1: exp.initial };
  };
  const twoRounds = async (make: () => FederatedClient, theta1: Float32Array) => {
    const client = make();
    const u1 = (await client.train({ round: 1, weights: theta1, seed: 11 })).delta;
    const c = Float32Array.from(theta1, (_, i) => 1e-3 * ((i % 7) - 3));
    const theta2 = add(add(theta1, scale(u1, alpha)), c);
    const est = sub(sub(theta2, theta1), scale(u1, alpha));
    const u2 = (await client.train({ round: 2, weights: theta2, seed: 12 })).delta;
    client.dispose();
    return { u1, u2, theta2, est };
  };
  const near = (a: Float32Array, b: Float32Array, tol: number) => {
    const scaleOf = Math.max(...b.map(Math.abs));
    expect(Math.max(...sub(a, b).map(Math.abs))).toBeLessThan(tol * scaleOf);
  };
  /** The update a fresh client (no history) sends for θ_G = weights, with the same seed as round 2. */
  const fresh = async (make: () => FederatedClient, weights: Float32Array) => {
    const client = make();
    const d = (await client.train({ round: 1, weights, seed: 12 })).delta;
    client.dispose();
    return d;
  };

  it('explicit, post: the round-2 update is the uncorrected one less λδ̂', async () => {
    const post = await setup({ kind: 'bhagoji-explicit', estimation: 'post' });
    const none = await setup({ kind: 'bhagoji-explicit', estimation: 'none' });
    const r = await twoRounds(post.client, post.theta1);
    // Uncorrected: what a client without history sends for θ², from the same start and seed.
    near(r.u2, sub(await fresh(none.client, r.theta2), scale(r.est, lambda)), 1e-5);
  });

  it('explicit, pre: the round-2 update is λ(θ̃ − θ_G − δ̂) for θ̃ trained from θ_G + δ̂', async () => {
    const pre = await setup({ kind: 'bhagoji-explicit', estimation: 'pre' });
    const none = await setup({ kind: 'bhagoji-explicit', estimation: 'none' });
    const r = await twoRounds(pre.client, pre.theta1);
    near(r.u2, await fresh(none.client, add(r.theta2, r.est)), 1e-3);
  });

  it('alternating minimisation, pre: trains from θ_G + δ̂ and sends w − (θ_G + δ̂)', async () => {
    const attack = { kind: 'bhagoji-alternating', epochs: 1, distance: 'none' };
    const pre = await setup({ ...attack, estimation: 'pre' });
    const none = await setup({ ...attack, estimation: 'none' });
    const r = await twoRounds(pre.client, pre.theta1);
    near(r.u2, await fresh(none.client, add(r.theta2, r.est)), 1e-3);
  });
});

describe('alternating minimisation\'s optimisers through its epochs (the authors\' alternate_train keeps one per objective)', () => {
  /** Each phase's slot: adversarial, benign, adversarial, … */
  async function slotsOf(optimiser?: string) {
    const calls = await phaseSlots(smallAttack({ kind: 'bhagoji-alternating', episodes: 3, epochs: 3, benignRatio: 1, schedule: { kind: 'multi-shot', from: 1 }, ...(optimiser ? { optimiser } : {}) }, { reptile: { metaBatch: 1 } }));
    expect(calls).toHaveLength(6);
    return { adversarial: calls.filter((_, i) => i % 2 === 0), benign: calls.filter((_, i) => i % 2 === 1) };
  }

  it('by default every adversarial phase continues one Adam, every benign phase another', async () => {
    const { adversarial, benign } = await slotsOf();
    expect(adversarial[0].slot).toBeInstanceOf(OptimiserSlot);
    expect(benign[0].slot).toBeInstanceOf(OptimiserSlot);
    expect(adversarial[0].slot).not.toBe(benign[0].slot);
    for (const phases of [adversarial, benign]) {
      expect(phases.every((p) => p.slot === phases[0].slot)).toBe(true);
      // The first phase fills its slot; the later ones continue from its moments.
      expect(phases.map((p) => p.filled)).toEqual([false, true, true]);
    }
    // Disposed with the attack's update: nothing left in the slots.
    expect(adversarial[0].slot!.adam).toBeNull();
  });

  it('"per-phase" gives every phase a fresh optimiser', async () => {
    const { adversarial, benign } = await slotsOf('per-phase');
    for (const p of [...adversarial, ...benign]) expect(p.slot).toBeUndefined();
  });
});
