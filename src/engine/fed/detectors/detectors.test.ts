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
  it('flags the update far from the others, by the ratio of median distances', async () => {
    // d(0,1) = 1, d(0,2) = 10, d(1,2) = 9
    const r = await detect('distance', { factor: 2 }, [u(0, [0]), u(1, [1]), u(2, [10])]);
    expect(r.verdicts.map((v) => v.value)).toEqual([5.5 / 9, 5 / 10, 9.5 / 1]);
    expect(r.verdicts.map((v) => v.reference)).toEqual([9, 10, 1]);
    expect(r.verdicts.map((v) => v.flagged)).toEqual([false, false, true]);
  });
  it('flags an update much closer to the others than they are to each other', async () => {
    // 0 and 1 at distance 10; 2 sits between them: r_2 = 5 / 10
    const r = await detect('distance', { factor: 1.5 }, [u(0, [0, 0]), u(1, [10, 0]), u(2, [5, 0])]);
    expect(r.verdicts[2]).toEqual({ clientId: 2, value: 0.5, reference: 10, flagged: true });
  });
  it('has nothing to compare with below 3 updates', async () => {
    const r = await detect('distance', {}, [u(0, [0]), u(1, [100])]);
    expect(r.verdicts.every((v) => !v.flagged && v.reference === null)).toBe(true);
  });
});

describe('accuracy-checking detector', () => {
  /** A stand-in validation set: accuracy falls linearly with the first weight. */
  const server: ServerValidation = { accuracy: (w) => 1 - w[0] };
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
