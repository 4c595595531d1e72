import { beforeAll, describe, expect, it } from 'vitest';
import { initBackend, type BackendChoice } from '../engine/backend/initBackend';
import type { TrainRequest } from '../engine/fed/client';
import { setupSmall, smallAttack } from '../engine/testing/attackSetting';
import { clientFromSetup, type ClientSetup } from './clientSetup';
import { RecoveringClient } from './recoveringClient';
import type { BackendNotice } from './recovery';
import { userPayload } from './userData';

beforeAll(async () => { await initBackend('wasm'); });

/**
 * The engine's own clients, rebuilt after a forced loss: a benign Reptile user (its Adam moments
 * carry over rounds) and an attacker whose round-3 update starts from its estimate of the others'
 * update, made from what it remembers of round 2. Both must send exactly what they send without
 * the loss (same backend here, so bit for bit).
 */
describe('recovery with real clients', () => {
  it('re-runs the lost round with the same update for a benign user and an attacker', async () => {
    const config = smallAttack(
      { kind: 'bhagoji-explicit', estimation: 'pre', betweenAttacks: 'benign', schedule: { kind: 'single-shot', round: 3 }, boost: 2, episodes: 5, innerEpochs: 1 },
      { rounds: 3, reptile: { episodesPerRound: 5, innerSteps: 3 } },
    );
    const { ds, exp } = await setupSmall(config);
    const setupOf = (id: number): ClientSetup => {
      const { data, own, backdoor } = userPayload(exp, config, ds, id);
      return { id, config, data, refs: own, backdoor, model: exp.model, spec: exp.spec };
    };
    const requests: TrainRequest[] = [1, 2, 3].map((round) => ({ round, seed: 100 + round, weights: exp.initial }));
    const wasm: BackendChoice = { name: 'wasm', reason: 'test' };

    for (const [id, lossRound] of [[1, 2], [0, 3]]) {
      const plain = clientFromSetup(setupOf(id));
      const expected: Float32Array[] = [];
      for (const r of requests) expected.push((await plain.train(r)).delta);
      await plain.dispose();
      // The test means something only if the state matters: a fresh client sends another update.
      const fresh = clientFromSetup(setupOf(id));
      expect(Array.from((await fresh.train(requests[lossRound - 1])).delta)).not.toEqual(Array.from(expected[lossRound - 1]));
      await fresh.dispose();

      const notices: BackendNotice[] = [];
      const recovering = new RecoveringClient({
        name: `client ${id}`,
        build: clientFromSetup,
        backend: { current: wasm, lost: () => null, restart: async () => wasm },
        onRecovered: (n) => notices.push(n),
      });
      await recovering.setup(setupOf(id));
      const got: Float32Array[] = [];
      for (const r of requests) {
        if (r.round === lossRound) recovering.forceLoss();
        got.push((await recovering.train(r)).delta);
      }
      await recovering.dispose();
      expect(notices.map((n) => n.round), `client ${id}`).toEqual([lossRound]);
      got.forEach((d, i) => expect(Array.from(d), `client ${id} round ${i + 1}`).toEqual(Array.from(expected[i])));
    }
  });
});
