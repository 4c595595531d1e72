import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { attackSchema } from '../config/attackSchema';
import type { ExperimentConfig } from '../config/schema';
import type { FederatedClient } from '../fed/client';
import { Coordinator } from '../fed/coordinator';
import { createLocalClients } from '../experiment/clients';
import { add, norm, scale } from '../model/vec';
import { deriveSeed } from '../rng';
import { setupSmall, smallSupervised } from '../testing/attackSetting';
import { replacementUpdate } from './modelReplacement';
import { attackSelection } from './selection';

beforeAll(async () => { await initNodeBackend('wasm'); });

const v = (...x: number[]) => Float32Array.from(x);

describe('Bagdasaryan et al.\'s model replacement: X = γ(L − G^t) + G^t', () => {
  it('sends X − G^t = γ(L − G^t) (by hand), with γ = n/η = 1/α_m by default', () => {
    // G^t = [1, 2], L = [2, 0]: L − G^t = [1, −2]; γ = 3 → [3, −6], X = [4, −4].
    expect([...replacementUpdate(v(1, 2), v(2, 0), 3)]).toEqual([3, -6]);
    expect(attackSchema.parse({ kind: 'model-replacement' })).toMatchObject({ boostInverseWeight: true });
  });
});

describe('model replacement in a tiny supervised federation (Zhou\'s MNIST setting)', () => {
  // 3 users, all selected and applied, FedAvg with uniform weights: α_m = 1/3, so γ = n/η = 3.
  const config = (attack: object = {}): ExperimentConfig =>
    smallSupervised({ kind: 'model-replacement', episodes: 15, ...attack }, { federation: { users: 3, perRound: 3, minUpdates: 3 } });

  /** The attacker's update in round 1 from θ_G = exp.initial, with the seed the coordinator gives it (so the same L every time). */
  async function attackerUpdate(c: ExperimentConfig): Promise<{ delta: Float32Array; initial: Float32Array }> {
    const { ds, exp } = await setupSmall(c);
    const attacker = createLocalClients(exp, c, ds)[0];
    const u = await attacker.train({ round: 1, weights: exp.initial, seed: deriveSeed(c.seed, 'client', 0, 'round', 1) });
    attacker.dispose();
    return { delta: u.delta, initial: exp.initial };
  }

  it('the boosted update is γ = 3 times the unboosted one L − G^t, in every coordinate and in norm', async () => {
    const plain = await attackerUpdate(config({ boostInverseWeight: false, boost: 1 }));
    const boosted = await attackerUpdate(config());
    expect(norm(plain.delta)).toBeGreaterThan(0);
    expect(boosted.delta).toEqual(scale(plain.delta, 3));
    expect(norm(boosted.delta) / norm(plain.delta)).toBeCloseTo(3, 5);
  });

  it('replaces the global model: G^{t+1} = G^t + (1/3)·3(L − G^t) = L when the other two updates are zero', async () => {
    const c = config();
    const { ds, exp } = await setupSmall(c);
    const zero = (id: number): FederatedClient => ({
      id,
      train: async () => ({ clientId: id, delta: new Float32Array(exp.initial.length), numExamples: 96 }),
      configure() {},
      dispose() {},
    });
    const attacker = createLocalClients(exp, c, ds)[0];
    const coord = new Coordinator([attacker, zero(1), zero(2)], c, exp.initial, undefined, attackSelection);
    const r = await coord.round(1);
    attacker.dispose();
    expect(r.applied).toEqual([0, 1, 2]);
    expect(r.attackers).toEqual([0]);
    const local = add(exp.initial, (await attackerUpdate(config({ boostInverseWeight: false, boost: 1 }))).delta); // L
    const worst = Math.max(...coord.global.map((x, i) => Math.abs(x - local[i])));
    expect(worst).toBeLessThan(1e-6 * Math.max(...local.map(Math.abs)));
    // Not trivially: training moved L far from G^t (by more than 10× the float32 error above).
    expect(Math.max(...coord.global.map((x, i) => Math.abs(x - exp.initial[i])))).toBeGreaterThan(10 * worst);
  });
});
