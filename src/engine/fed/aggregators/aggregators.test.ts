import { describe, expect, it } from 'vitest';
import { aggregatorSchema, type AggregatorConfig } from '../../config/schema';
import { distance, norm } from '../../model/vec';
import { createRng } from '../../rng';
import type { ClientUpdate } from '../client';
import { krumScores } from './krum';
import { aggregators, createAggregator } from './registry';

const u = (clientId: number, delta: number[], numExamples = 1): ClientUpdate => ({ clientId, delta: Float32Array.from(delta), numExamples });
const run = (c: unknown, updates: ClientUpdate[]) => createAggregator(aggregatorSchema.parse(c)).aggregate({ global: new Float32Array(updates[0].delta.length), updates });

/**
 * The configuration each rule is held to the contract with. Typed by kind, so a new rule in the
 * schema fails to compile here until it gets an entry (and so is tested). Robust rules are set up
 * to tolerate one bad update among five.
 */
const contractConfigs: { [K in AggregatorConfig['kind']]: Extract<AggregatorConfig, { kind: K }> } = {
  fedavg: { kind: 'fedavg', weighting: 'size' },
  krum: { kind: 'krum', f: 1 },
  'multi-krum': { kind: 'multi-krum', f: 1, weighting: 'uniform' },
  median: { kind: 'median' },
  'trimmed-mean': { kind: 'trimmed-mean', beta: 0.2 },
  'norm-clipping': { kind: 'norm-clipping', maxNorm: 1, weighting: 'uniform' },
};
/** Rules whose step a single arbitrarily large update cannot move arbitrarily far. */
const robust = new Set<AggregatorConfig['kind']>(['krum', 'multi-krum', 'median', 'trimmed-mean', 'norm-clipping']);

const DIM = 64;
/** Five benign updates scattered around a common direction (norms ≈ 0.5, below the clipping bound). */
function benign(seed: number): ClientUpdate[] {
  const rng = createRng(seed);
  const centre = Array.from({ length: DIM }, () => 0.06 * rng.normal());
  return [3, 1, 4, 0, 2].map((id) => u(id, centre.map((c) => c + 0.01 * rng.normal()), 10 + id));
}

describe.each(Object.keys(aggregators) as AggregatorConfig['kind'][])('aggregator contract: %s', (kind) => {
  const config = contractConfigs[kind];
  const make = () => createAggregator(config);

  it('aggregates identical updates to that update', () => {
    const d = benign(1)[0].delta;
    const r = make().aggregate({ global: new Float32Array(DIM), updates: [0, 1, 2, 3, 4].map((id) => ({ clientId: id, delta: d.slice(), numExamples: id + 1 })) });
    for (let i = 0; i < DIM; i++) expect(r.delta[i]).toBeCloseTo(d[i], 6);
    expect(r.weights.reduce((s, w) => s + w.weight, 0)).toBeCloseTo(1, 9);
  });

  it('does not depend on the order of the updates', () => {
    const ups = [...benign(2), u(7, Array.from({ length: DIM }, (_, i) => (i % 3) - 1), 5)];
    const a = make().aggregate({ global: new Float32Array(DIM), updates: ups });
    const b = make().aggregate({ global: new Float32Array(DIM), updates: createRng(9).shuffle([...ups]) });
    expect([...b.delta]).toEqual([...a.delta]);
    expect(b.weights).toEqual(a.weights);
    expect(b.outcomes).toEqual(a.outcomes);
    expect(a.weights.map((w) => w.clientId)).toEqual([0, 1, 2, 3, 4, 7]);
  });

  it(robust.has(kind) ? 'moves a bounded amount when one update is huge' : 'is dragged away by one huge update', () => {
    const good = benign(3);
    const clean = make().aggregate({ global: new Float32Array(DIM), updates: good }).delta;
    const moved = (scale: number) => {
      const bad = u(9, Array.from({ length: DIM }, () => scale), 10);
      return distance(make().aggregate({ global: new Float32Array(DIM), updates: [...good, bad] }).delta, clean);
    };
    const spread = Math.max(...good.map((g) => norm(g.delta)));
    if (robust.has(kind)) {
      // however large the bad update is, the step stays within the benign updates' scale
      for (const scale of [1e2, 1e4, 1e6]) expect(moved(scale)).toBeLessThan(2 * spread);
    } else {
      expect(moved(1e2)).toBeGreaterThan(100);
      expect(moved(1e6)).toBeGreaterThan(1e5);
    }
  });

  it('reports every client once, in client id order, with a non-negative weight', () => {
    const r = make().aggregate({ global: new Float32Array(DIM), updates: benign(4) });
    expect(r.weights.map((w) => w.clientId)).toEqual([0, 1, 2, 3, 4]);
    expect(r.outcomes.map((o) => o.clientId)).toEqual([0, 1, 2, 3, 4]);
    r.weights.forEach((w) => expect(w.weight).toBeGreaterThanOrEqual(0));
  });
});

describe('Krum and Multi-Krum, by hand', () => {
  // squared distances: 01 = 1, 02 = 4, 03 = 200, 12 = 5, 13 = 181, 23 = 164
  const ups = [u(0, [0, 0]), u(1, [1, 0]), u(2, [0, 2]), u(3, [10, 10])];
  it('scores by the n − f − 2 nearest neighbours', () => {
    expect(krumScores(ups, 0)).toEqual([1 + 4, 1 + 5, 4 + 5, 164 + 181]);
    expect(krumScores(ups, 1)).toEqual([1, 1, 4, 164]);
    // fewer updates than f + 3: still one neighbour
    expect(krumScores(ups.slice(0, 3), 5)).toEqual([1, 1, 4]);
  });
  it('Krum picks the lowest score (ties to the lower client id)', () => {
    const r = run({ kind: 'krum', f: 0 }, ups);
    expect([...r.delta]).toEqual([0, 0]);
    expect(r.outcomes.map((o) => o.action)).toEqual(['selected', 'discarded', 'discarded', 'discarded']);
    expect(r.weights.map((w) => w.weight)).toEqual([1, 0, 0, 0]);
    expect([...run({ kind: 'krum', f: 1 }, ups).delta]).toEqual([0, 0]);
  });
  it('Multi-Krum averages the m best', () => {
    expect([...run({ kind: 'multi-krum', f: 0, select: 2 }, ups).delta]).toEqual([0.5, 0]);
    // default m = n − f = 3: clients 0, 1, 2
    const r = run({ kind: 'multi-krum', f: 1 }, ups);
    expect(r.delta[0]).toBeCloseTo(1 / 3, 6);
    expect(r.delta[1]).toBeCloseTo(2 / 3, 6);
    expect(r.outcomes[3]).toEqual({ clientId: 3, action: 'discarded', score: 164 });
  });
});

describe('coordinate-wise median and trimmed mean, by hand', () => {
  it('median of an odd count is the middle value in each coordinate', () => {
    const r = run({ kind: 'median' }, [u(0, [1, 10]), u(1, [2, -5]), u(2, [100, 0])]);
    expect([...r.delta]).toEqual([2, 0]);
    expect(r.weights.map((w) => w.weight)).toEqual([0, 0.5, 0.5]);
    expect(r.outcomes.map((o) => [o.action, o.share])).toEqual([['discarded', 0], ['partial', 0.5], ['partial', 0.5]]);
  });
  it('median of an even count averages the two middle values', () => {
    expect([...run({ kind: 'median' }, [u(0, [1]), u(1, [3]), u(2, [10]), u(3, [20])]).delta]).toEqual([6.5]);
  });
  it('trimmed mean drops ⌊β·n⌋ values at each end', () => {
    // n = 4, β = 0.25: k = 1; sorted −20, 1, 3, 10 → mean(1, 3) = 2
    const r = run({ kind: 'trimmed-mean', beta: 0.25 }, [u(0, [1]), u(1, [3]), u(2, [10]), u(3, [-20])]);
    expect([...r.delta]).toEqual([2]);
    expect(r.weights.map((w) => w.weight)).toEqual([0.5, 0.5, 0, 0]);
    // β = 0.2 with 4 updates trims nothing: the plain mean
    expect([...run({ kind: 'trimmed-mean', beta: 0.2 }, [u(0, [1]), u(1, [3]), u(2, [10]), u(3, [-18])]).delta]).toEqual([-1]);
  });
});

describe('norm clipping, by hand', () => {
  it('scales updates longer than M down to norm M, then averages', () => {
    const r = run({ kind: 'norm-clipping', maxNorm: 1 }, [u(0, [3, 4]), u(1, [0.5, 0])]);
    // [3, 4] has norm 5 → ×0.2 → [0.6, 0.8]; mean with [0.5, 0] = [0.55, 0.4]
    expect(r.delta[0]).toBeCloseTo(0.55, 6);
    expect(r.delta[1]).toBeCloseTo(0.4, 6);
    expect(r.outcomes).toEqual([{ clientId: 0, action: 'clipped', factor: 0.2 }, { clientId: 1, action: 'kept', factor: 1 }]);
  });
  it('bounds the norm of every contribution, hence of the step, by M', () => {
    const rng = createRng(5);
    const ups = [0, 1, 2, 3].map((id) => u(id, Array.from({ length: 32 }, () => 10 * rng.normal()), 1 + id));
    for (const weighting of ['size', 'uniform'] as const) {
      const r = run({ kind: 'norm-clipping', maxNorm: 0.5, weighting }, ups);
      expect(norm(r.delta)).toBeLessThanOrEqual(0.5 + 1e-6);
      r.outcomes.forEach((o, i) => expect(o.factor! * norm(ups[i].delta)).toBeCloseTo(0.5, 5));
    }
  });
  it('weights by dataset size when asked', () => {
    const r = run({ kind: 'norm-clipping', maxNorm: 10, weighting: 'size' }, [u(0, [4, 0], 3), u(1, [0, 4], 1)]);
    expect([...r.delta]).toEqual([3, 1]);
  });
});
