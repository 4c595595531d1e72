import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { attackSchema } from '../config/attackSchema';
import { createLocalClients } from '../experiment/clients';
import { add, scale, sub } from '../model/vec';
import type { WeightedBatch } from '../learners/fedavg/trainer';
import type { EpisodeSource } from '../learners/types';
import { createRng } from '../rng';
import { setupSmall, smallAttack, smallSupervised } from '../testing/attackSetting';
import { addAdversarialPhase, zhouUpdate, zhouUpdateFromGlobal } from './zhou';
import { OptimiserSlot } from '../optim/slot';
import { phaseSlots } from '../testing/phaseSlots';

beforeAll(async () => { await initNodeBackend('wasm'); });

const v = (...x: number[]) => Float32Array.from(x);

describe("Zhou et al. eq. 4: Δ = η1·Δ_m + (n/η)·Δ_p", () => {
  it('splits the update into its main-task and adversarial parts and scales each (by hand)', () => {
    // θ_G = [1, 2, 3], final weights [2, 1, 4]: the update is [1, −1, 1]. Δ_p = [0.25, −0.5, 0]
    // leaves Δ_m = [0.75, −0.5, 1]. η1 = 2, n/η = 4: Δ = [1.5 + 1, −1 − 2, 2 + 0] = [2.5, −3, 2].
    expect([...zhouUpdate(v(1, 2, 3), v(2, 1, 4), v(0.25, -0.5, 0), 2, 4)]).toEqual([2.5, -3, 2]);
  });

  it('with η1 = n/η = 1 sends the plain update w − θ_G whatever Δ_p is; with η1 = 0 only (n/η)·Δ_p', () => {
    expect([...zhouUpdate(v(1, 2, 3), v(2, 1, 4), v(0.25, -0.5, 0), 1, 1)]).toEqual([1, -1, 1]);
    expect([...zhouUpdate(v(1, 2, 3), v(2, 1, 4), v(0.25, -0.5, 0), 0, 4)]).toEqual([1, -2, 0]);
  });

  it('Δ_p adds up what every adversarial phase moved; Δ_m is then what the main-task phases moved', () => {
    // θ_G = [0, 0]. Epoch 1: main phase to w_m = [1, 0], adversarial phase to w_a = [1, 2].
    // Epoch 2 (from [1, 2]): main to [3, 2], adversarial to [3, 5]. Δ_p = [0, 2] + [0, 3] = [0, 5];
    // Δ_m = [3, 5] − [0, 5] = [3, 0] = [1, 0] + [2, 0], the two main phases' moves.
    let dp: Float32Array = new Float32Array(2);
    dp = addAdversarialPhase(dp, v(1, 0), v(1, 2));
    dp = addAdversarialPhase(dp, v(3, 2), v(3, 5));
    expect([...dp]).toEqual([0, 5]);
    expect([...zhouUpdate(v(0, 0), v(3, 5), dp, 1, 0)]).toEqual([3, 0]);
    expect([...zhouUpdate(v(0, 0), v(3, 5), dp, 0.5, 2)]).toEqual([1.5, 10]);
  });
});

describe("eq. 4 with section 3.1's model updates: Δ_m = w_m − G^t, Δ_p = w_a − G^t", () => {
  it('scales the last main-task model and the final model, each less G^t (by hand)', () => {
    // G^t = [1, 2, 3], w_m = [2, 2, 2], w_a = [3, 1, 4]: Δ_m = [1, 0, −1], Δ_p = [2, −1, 1].
    // η1 = 2, n/η = 4: Δ = [2 + 8, 0 − 4, −2 + 4] = [10, −4, 2].
    expect([...zhouUpdateFromGlobal(v(1, 2, 3), v(2, 2, 2), v(3, 1, 4), 2, 4)]).toEqual([10, -4, 2]);
    // η1 = 0, n/η = 1: the plain update w_a − G^t; η1 = 1, n/η = 0: w_m − G^t.
    expect([...zhouUpdateFromGlobal(v(1, 2, 3), v(2, 2, 2), v(3, 1, 4), 0, 1)]).toEqual([2, -1, 1]);
    expect([...zhouUpdateFromGlobal(v(1, 2, 3), v(2, 2, 2), v(3, 1, 4), 1, 0)]).toEqual([1, 0, -1]);
  });
});

describe('the Zhou client sends η1·Δ_m + (n/η)·Δ_p of one training run', () => {
  // η1 and n/η act after training, so the same seed gives the same Δ_m and Δ_p for every choice:
  // (η1, n/η) = (1, 0) sends Δ_m and (0, 1) sends Δ_p; any other choice is their combination.
  // 3 users, all applied: α_m = 1/3.
  const run = async (attack: object) => {
    const c = smallAttack({ kind: 'zhou-am', episodes: 10, innerEpochs: 1, epochs: 2, hessianSamples: 1, rho2: 0.5, ...attack }, { federation: { users: 3, perRound: 3, minUpdates: 3 } });
    const { ds, exp } = await setupSmall(c);
    const attacker = createLocalClients(exp, c, ds)[0];
    const u = await attacker.train({ round: 1, weights: exp.initial, seed: 21 });
    attacker.dispose();
    return u.delta;
  };
  const near = (a: Float32Array, b: Float32Array) => {
    const d = sub(a, b);
    const scaleOf = Math.max(...b.map(Math.abs));
    expect(Math.max(...d.map(Math.abs))).toBeLessThan(1e-5 * scaleOf);
  };

  it('(η1, n/η) = (2, 3) is 2·Δ_m + 3·Δ_p, and n/η = 1/α_m = 3 with boostInverseWeight', async () => {
    const main = await run({ mainScale: 1, boost: 0 });
    const poison = await run({ mainScale: 0, boost: 1 });
    expect(Math.max(...poison.map(Math.abs))).toBeGreaterThan(0);
    near(await run({ mainScale: 2, boost: 3 }), add(scale(main, 2), scale(poison, 3)));
    near(await run({ mainScale: 1, boost: 7, boostInverseWeight: true }), add(main, scale(poison, 3)));
  });

  it("with parts: 'from-global', Δ_p is the whole update w_a − G^t and Δ_m the last main phase's w_m − G^t", async () => {
    const whole = await run({ mainScale: 1, boost: 1 });
    const poison = await run({ parts: 'from-global', mainScale: 0, boost: 1 });
    near(poison, whole);
    const main = await run({ parts: 'from-global', mainScale: 1, boost: 0 });
    // The main-task phases moved the weights: w_m − G^t is not zero.
    expect(Math.max(...main.map(Math.abs))).toBeGreaterThan(1e-3 * Math.max(...poison.map(Math.abs)));
    // w_m of the last alternation is not w_a: the adversarial phase moved the weights after it.
    expect(Math.max(...sub(main, poison).map(Math.abs))).toBeGreaterThan(1e-4 * Math.max(...poison.map(Math.abs)));
    near(await run({ parts: 'from-global', mainScale: 2, boost: 3 }), add(scale(main, 2), scale(poison, 3)));
  });
});

describe("the Zhou client's Δ̄_ben and h follow the paper by default", () => {
  it('Δ̄_ben from the last two global models and the unnormalised Hessian diagonal', () => {
    expect(attackSchema.parse({ kind: 'zhou-am' })).toMatchObject({ benignEstimate: 'last-round', hessianScale: 'paper' });
  });

  it('anchors ρ1 at θ_G + (G^t − G^{t−1}) from its first participation on', async () => {
    // Its first round (no history). G^{t−1} = G^t gives Δ̄_ben = 0: the anchor θ_G, which
    // 'own-participation' keeps whatever G^{t−1} was until the attacker has taken part before;
    // another G^{t−1} moves the anchor.
    const c = (over: object) => smallAttack({ kind: 'zhou-am', schedule: { kind: 'single-shot', round: 2 }, episodes: 10, innerEpochs: 1, epochs: 2, hessianSamples: 1, rho1: 0.1, ...over });
    // G^{t−1} = G^t − shift in every coordinate.
    const run = async (over: object, shift: number) => {
      const config = c(over);
      const { ds, exp } = await setupSmall(config);
      const attacker = createLocalClients(exp, config, ds)[0];
      const u = await attacker.train({ round: 2, weights: exp.initial, seed: 21, previous: exp.initial.map((x) => x - shift) });
      attacker.dispose();
      return u.delta;
    };
    const unchanged = await run({}, 0);
    expect(await run({ benignEstimate: 'own-participation' }, 0.01)).toEqual(unchanged);
    const moved = await run({}, 0.01);
    expect(moved).not.toEqual(unchanged);
  });
});

describe("what the Zhou client's adversarial phase trains on", () => {
  // Tiny supervised federation: label 5 with the patch is poisoned towards label 7 (smallSupervised).
  type Train = (w: unknown, source: EpisodeSource, ...rest: unknown[]) => unknown;
  /** The labels (of examples with weight > 0) of one batch of each phase's data: main, adversarial, main, … */
  async function phaseLabels(adversarialData: string): Promise<number[][]> {
    const c = smallSupervised({ kind: 'zhou-am', episodes: 4, epochs: 2, hessianSamples: 1, adversarialData }, { federation: { users: 3, perRound: 3, minUpdates: 3 } });
    const { ds, exp } = await setupSmall(c);
    const attacker = createLocalClients(exp, c, ds)[0];
    const spy = attacker as unknown as { metaTrain: Train };
    const sources: EpisodeSource[] = [];
    const metaTrain = spy.metaTrain.bind(attacker);
    spy.metaTrain = (w, source, ...rest) => { sources.push(source); return metaTrain(w, source, ...rest); };
    await attacker.train({ round: 1, weights: exp.initial, seed: 5 });
    attacker.dispose();
    return sources.map((s) => {
      const b: WeightedBatch = s.next(createRng(1));
      return [...b.y].filter((_, i) => (b.weight ? b.weight[i] > 0 : true));
    });
  }

  it("is D_p alone by default (eq. 3's L_A): every weighted example is labelled τ = 7", async () => {
    expect(attackSchema.parse({ kind: 'zhou-am' })).toMatchObject({ adversarialData: 'poisoned' });
    const phases = await phaseLabels('poisoned');
    expect(phases).toHaveLength(4);
    for (const labels of [phases[1], phases[3]]) {
      expect(labels.length).toBeGreaterThan(0);
      expect(new Set(labels)).toEqual(new Set([7]));
    }
    // The main-task phases see clean labels of several classes.
    expect(new Set(phases[0]).size).toBeGreaterThan(2);
  });

  it("with 'poisoned-and-clean' joins each mini-batch of D_p with clean examples of other labels", async () => {
    const phases = await phaseLabels('poisoned-and-clean');
    for (const labels of [phases[1], phases[3]]) {
      expect(labels).toContain(7);
      expect(new Set(labels.filter((y) => y !== 7)).size).toBeGreaterThan(2);
    }
  });
});

describe("the Zhou client's optimisers through its epochs", () => {
  /** Each phase's slot: main, adversarial, main, adversarial. */
  async function slotsOf(optimiser?: string) {
    const calls = await phaseSlots(smallSupervised({ kind: 'zhou-am', episodes: 4, epochs: 2, hessianSamples: 1, ...(optimiser ? { optimiser } : {}) }, { federation: { users: 3, perRound: 3, minUpdates: 3 } }));
    expect(calls).toHaveLength(4);
    return calls;
  }

  it('start a fresh Adam in every phase by default (what docs/results.md ran)', async () => {
    expect(attackSchema.parse({ kind: 'zhou-am' })).toMatchObject({ optimiser: 'per-phase' });
    for (const p of await slotsOf()) expect(p.slot).toBeUndefined();
  });

  it('"per-objective" carries one Adam through the main-task phases and another through the adversarial ones', async () => {
    const [main1, adv1, main2, adv2] = await slotsOf('per-objective');
    expect(main1.slot).toBeInstanceOf(OptimiserSlot);
    expect(adv1.slot).toBeInstanceOf(OptimiserSlot);
    expect(main1.slot).not.toBe(adv1.slot);
    expect(main2.slot).toBe(main1.slot);
    expect(adv2.slot).toBe(adv1.slot);
    expect([main1, adv1, main2, adv2].map((p) => p.filled)).toEqual([false, false, true, true]);
    expect(main1.slot!.adam).toBeNull();
    expect(adv1.slot!.adam).toBeNull();
  });
});
