import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse';
import type { ClientUpdate, FederatedClient } from './client';
import { Coordinator } from './coordinator';
import { firstToArrive, type Pending } from './arrivals';

/** Users whose updates arrive in the order given (user id → its place in the queue). */
function race(order: number[]): { pending: Pending[]; release: () => Promise<void> } {
  const resolvers = new Map<number, (u: ClientUpdate) => void>();
  const pending = order.map((id) => ({ id, update: new Promise<ClientUpdate>((r) => resolvers.set(id, r)) }));
  const release = async () => {
    for (const id of order) {
      resolvers.get(id)!({ clientId: id, delta: Float32Array.of(id), numExamples: 1 });
      await Promise.resolve(); await Promise.resolve();
    }
  };
  return { pending, release };
}

const ids = (us: ClientUpdate[]) => us.map((u) => u.clientId);

describe('the first M_min updates to arrive', () => {
  it('takes the first M_min in arrival order, sorted by id, and drops the later ones', async () => {
    const { pending, release } = race([4, 1, 3, 0, 2]);
    const out = firstToArrive(pending, 3);
    await release();
    expect(ids(await out)).toEqual([1, 3, 4]);
  });

  it('waits for a user it must apply (a forced attacker) even when it comes last', async () => {
    const { pending, release } = race([4, 1, 3, 0, 2]);
    const out = firstToArrive(pending, 3, [2]);
    await release();
    // 2 is in, so only two of the others: the first two to arrive, 4 and 1.
    expect(ids(await out)).toEqual([1, 2, 4]);
  });

  it('skips a user whose training fails while enough others remain, and fails when too few can arrive', async () => {
    const ok = (id: number) => ({ id, update: Promise.resolve({ clientId: id, delta: Float32Array.of(id), numExamples: 1 }) });
    const bad = (id: number) => ({ id, update: Promise.reject(new Error(`client ${id} left`)) });
    expect(ids(await firstToArrive([bad(0), ok(1), ok(2)], 2))).toEqual([1, 2]);
    await expect(firstToArrive([bad(0), bad(1), ok(2)], 2)).rejects.toThrow('left');
    await expect(firstToArrive([ok(0), bad(1)], 1, [1])).rejects.toThrow('client 1 left');
  });

  it('with M_min equal to the number selected waits for all of them', async () => {
    const { pending, release } = race([2, 0, 1]);
    const out = firstToArrive(pending, 3);
    await release();
    expect(ids(await out)).toEqual([0, 1, 2]);
  });
});

describe("the coordinator's arrivals", () => {
  // Four users, all selected; M_min = 2. User i's update comes back after delay[i] ms.
  const delay = [40, 10, 30, 20];
  const client = (id: number): FederatedClient => ({
    id,
    train: () => new Promise((r) => setTimeout(() => r({ clientId: id, delta: Float32Array.of(id + 1), numExamples: 1 }), delay[id])),
    configure() {},
    dispose() {},
  });
  const config = (arrivals: string) => parseConfig({ federation: { users: 4, perRound: 4, minUpdates: 2, arrivals, aggregator: { kind: 'fedavg', weighting: 'uniform' } } });

  it("'real' applies the two updates that came back first (users 1 and 3) and averages them", async () => {
    const coord = new Coordinator([0, 1, 2, 3].map(client), config('real'), Float32Array.of(0));
    const r = await coord.round(1);
    expect(r.selected).toEqual([0, 1, 2, 3]);
    expect(r.applied).toEqual([1, 3]);
    expect([...coord.global]).toEqual([(2 + 4) / 2]);
  });

  it("'simulated' (the default) applies a seeded draw of two, whatever the delays, the same every time", async () => {
    expect(parseConfig({}).federation.arrivals).toBe('simulated');
    const run = async () => (await new Coordinator([0, 1, 2, 3].map(client), config('simulated'), Float32Array.of(0)).round(1)).applied;
    const applied = await run();
    expect(applied).toHaveLength(2);
    expect(await run()).toEqual(applied);
  });
});
