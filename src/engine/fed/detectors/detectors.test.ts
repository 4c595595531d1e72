import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../config/parse';
import { detectorsSchema, type DetectorsConfig } from '../../config/schema';
import type { ClientUpdate, FederatedClient } from '../client';
import { Coordinator } from '../coordinator';
import { detectors, type DetectorKind } from './registry';
import type { ServerValidation } from './types';

const u = (clientId: number, delta: number[]): ClientUpdate => ({ clientId, delta: Float32Array.from(delta), numExamples: 1 });
/** Run one detector, configured from its defaults plus `over`, in report mode. */
const detect = <K extends DetectorKind>(kind: K, over: object, updates: ClientUpdate[], server?: ServerValidation) => {
  const c = detectorsSchema.parse({ [kind]: { mode: 'report', ...over } })[kind] as DetectorsConfig[K];
  return detectors[kind](c).detect({ round: 1, global: new Float32Array(updates[0].delta.length), updates }, server);
};

describe('pairwise-distance detector', () => {
  it('flags the update far from the others, by its nearest-neighbour distance over the median one', async () => {
    // nearest neighbours: 0 → 1 (1), 1 → 0 (1), 2 → 1 (9); median 1
    const r = await detect('distance', { factor: 2 }, [u(0, [0]), u(1, [1]), u(2, [10])]);
    expect(r.verdicts.map((v) => v.value)).toEqual([1, 1, 9]);
    expect(r.verdicts.map((v) => v.reference)).toEqual([1, 1, 1]);
    expect(r.verdicts.map((v) => v.flagged)).toEqual([false, false, true]);
  });
  it('flags updates much closer to each other than updates usually are (a near-copy)', async () => {
    // corners of a 10 × 10 square, and client 4 half a unit from client 3: nearest 10, 10, 10, 0.5, 0.5
    const r = await detect('distance', { factor: 2 }, [u(0, [0, 0]), u(1, [10, 0]), u(2, [0, 10]), u(3, [10, 10]), u(4, [10.5, 10])]);
    expect(r.verdicts.map((v) => v.value)).toEqual([1, 1, 1, 0.05, 0.05]);
    expect(r.verdicts.map((v) => v.flagged)).toEqual([false, false, false, true, true]);
  });
  it('has nothing to compare with below 3 updates', async () => {
    const r = await detect('distance', {}, [u(0, [0]), u(1, [100])]);
    expect(r.verdicts.every((v) => !v.flagged && v.reference === null)).toBe(true);
  });
});

describe('accuracy-checking detector', () => {
  /** A stand-in validation set: accuracy falls linearly with the first weight. */
  const server: ServerValidation = { accuracy: async (w) => 1 - w[0] };
  it('flags θ_G + δ_i whose accuracy is more than maxDrop below the median of the others', async () => {
    const r = await detect('accuracy', { maxDrop: 0.1 }, [u(0, [0.125]), u(1, [0.25]), u(2, [0.75])], server);
    expect(r.baseline).toBe(1);
    expect(r.verdicts.map((v) => v.value)).toEqual([0.875, 0.75, 0.25]);
    expect(r.verdicts.map((v) => v.reference)).toEqual([0.5, 0.5625, 0.8125]);
    expect(r.verdicts.map((v) => v.flagged)).toEqual([false, false, true]);
  });
  it('compares a lone update with θ_G', async () => {
    const r = await detect('accuracy', { maxDrop: 0.2 }, [u(4, [0.25])], server);
    expect(r.verdicts).toEqual([{ clientId: 4, value: 0.75, reference: 1, flagged: true }]);
  });
  it('needs the server\'s validation episodes', async () => {
    await expect(detect('accuracy', {}, [u(0, [0])])).rejects.toThrow(/validation/);
  });
});

describe('detectors in the coordinator', () => {
  /** Client i sends [i, i], except client 3 which sends a boosted [30, 30]. */
  const fake = (id: number): FederatedClient => ({
    id,
    async train() { return u(id, id === 3 ? [30, 30] : [id, id]); },
    configure() {},
    dispose() {},
  });
  const coordinator = (reject: boolean) => new Coordinator([0, 1, 2, 3].map(fake), parseConfig({
    federation: { users: 4, perRound: 3, minUpdates: 3, aggregator: { kind: 'fedavg', weighting: 'uniform' } },
    defense: { detectors: { distance: { mode: reject ? 'reject' : 'report' } } },
  }), Float32Array.from([0, 0]));

  it('reports the flagged update and, when rejecting, leaves it out of the step', async () => {
    for (const reject of [false, true]) {
      const c = coordinator(reject);
      const r = await c.round(1, [1, 2, 3]);
      expect(r.detections[0].verdicts.map((v) => [v.clientId, v.flagged])).toEqual([[1, false], [2, false], [3, true]]);
      expect(r.rejected).toEqual(reject ? [3] : []);
      expect([...c.global]).toEqual(reject ? [1.5, 1.5] : [11, 11]);
      expect(r.outcomes.map((o) => o.action)).toEqual(reject ? ['kept', 'kept', 'discarded'] : ['kept', 'kept', 'kept']);
      expect(r.weights.map((w) => w.weight)).toEqual(reject ? [0.5, 0.5, 0] : [1 / 3, 1 / 3, 1 / 3]);
    }
  });
  it('runs no detector by default', async () => {
    const c = new Coordinator([0, 1, 2, 3].map(fake), parseConfig({ federation: { users: 4, perRound: 3, minUpdates: 3 } }), Float32Array.from([0, 0]));
    const r = await c.round(1, [1, 2, 3]);
    expect(r.detections).toEqual([]);
    for (const kind of Object.keys(detectors) as DetectorKind[]) expect(parseConfig({}).defense.detectors[kind].mode).toBe('off');
  });
});

describe.each(Object.keys(detectors) as DetectorKind[])('detector contract: %s', (kind) => {
  const server: ServerValidation = { accuracy: async (w) => 1 - Math.abs(w[0]) };
  const ups = [u(4, [0.5, 0]), u(1, [0.1, 0.1]), u(2, [0.12, 0.1]), u(3, [0.11, 0.09])];
  it('gives one verdict per update, in client id order, whatever the arrival order', async () => {
    const sorted = [...ups].sort((a, b) => a.clientId - b.clientId);
    const r = await detect(kind, {}, sorted, server);
    expect(r.kind).toBe(kind);
    expect(r.verdicts.map((v) => v.clientId)).toEqual([1, 2, 3, 4]);
    expect(r.reject).toBe(false);
    expect((await detect(kind, { mode: 'reject' }, sorted, server)).reject).toBe(true);
  });
  it('flags the odd update out among similar ones', async () => {
    const r = await detect(kind, {}, [...ups].sort((a, b) => a.clientId - b.clientId), server);
    expect(r.verdicts.filter((v) => v.flagged).map((v) => v.clientId)).toEqual([4]);
  });
});

