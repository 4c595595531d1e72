import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { aggregatorSchema } from '../../engine/config/schema';
import type { ClientUpdate } from '../../engine/fed/client';
import { createAggregator } from '../../engine/fed/aggregators/registry';
import { parseConfig } from '../../engine/config/parse';
import type { Study } from './plan';
import { afterAttackCurve, attackerKept, flatTwin, over, Results, type Line } from './results';
import { writeRun } from './writeRun';

const u = (clientId: number, delta: number[]): ClientUpdate => ({ clientId, delta: Float32Array.from(delta), numExamples: 1 });
/** A round's line as the runner writes it, with the outcomes of the real aggregator on `updates`; client 0 attacks. */
const roundLine = (aggregator: unknown, updates: ClientUpdate[], attackers = [0]): Line => {
  const r = createAggregator(aggregatorSchema.parse(aggregator)).aggregate({ global: new Float32Array(updates[0].delta.length), updates });
  return { phase: 'attack', round: 2, seed: 1, attackers, outcomes: r.outcomes };
};

// Three benign updates around the origin; the attacker at their centre, or far away.
const benign = [u(1, [2, 0]), u(2, [0, 2]), u(3, [-2, -2])];
const central = [u(0, [0, 0]), ...benign];
const far = [u(0, [30, 30]), ...benign];

describe('attackerKept', () => {
  it('counts Krum\'s pick of the attacker (the "selected" it marks) and not its rejection', () => {
    expect(attackerKept(roundLine({ kind: 'krum', f: 0 }, central))).toBe(1);
    expect(attackerKept(roundLine({ kind: 'krum', f: 0 }, far))).toBe(0);
  });

  it('counts an update that FedAvg keeps or norm clipping scales down, since either enters θ_G', () => {
    expect(attackerKept(roundLine({ kind: 'fedavg', weighting: 'uniform' }, far))).toBe(1);
    const clipped = roundLine({ kind: 'norm-clipping', maxNorm: 1 }, far);
    expect((clipped.outcomes as { action: string }[])[0].action).toBe('clipped');
    expect(attackerKept(clipped)).toBe(1);
  });

  it('is not measured in a round without an attacker', () => {
    expect(attackerKept(roundLine({ kind: 'krum', f: 0 }, central, []))).toBeNull();
  });
});

describe('over', () => {
  const points = [0.9, 0.1, 0.5].map((mean, i) => ({ x: i + 1, s: { mean, sd: 0.3, n: 3 } }));
  it("reads the seeds' means from x = from on: their mean, and their sd across rounds", () => {
    // Rounds 2 and 3: (0.1 + 0.5) / 2 = 0.3, sample sd √0.08 ≈ 0.283; the seeds' sd of 0.3 is not averaged in.
    expect(over(points, 2)?.mean).toBeCloseTo(0.3);
    expect(over(points, 2)?.sd).toBeCloseTo(Math.sqrt(0.08));
    expect(over(points)?.mean).toBeCloseTo(0.5);
    expect(over(points, 4)).toBeNull();
  });
});

describe('afterAttackCurve and flatTwin', () => {
  const dir = mkdtempSync(join(tmpdir(), 'curve-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const config = parseConfig({});
  const studies: Study[] = [{ id: 'len-10', title: '', series: ['attacked', 'twin'], config }, { id: 'len-20', title: '', series: ['attacked'], config }, { id: 'len-40', title: '', series: ['attacked'], config }];
  const run = (study: string, series: 'attacked' | 'twin', seed: number, after: number) =>
    writeRun(dir, study, series, seed, [0, 1].map((round) => ({ phase: 'round', round, seed, attackTrainSuccess: round === 1 ? after : 0.2 })));
  for (const seed of [1, 2]) {
    run('len-10', 'attacked', seed, 0.3 + seed / 10); // 0.4 and 0.5
    run('len-10', 'twin', seed, 0.2);
    run('len-20', 'attacked', seed, 0.6);
  }
  const r = new Results(dir, studies, 2);

  it('reads round 1 of each length\'s study, leaving out a length that did not run', () => {
    const curve = afterAttackCurve(r, [10, 20, 40], (x) => `len-${x}`, 'attackTrainSuccess');
    expect(curve.map((p) => [p.x, p.s.mean])).toEqual([[10, 0.45], [20, 0.6]]);
  });

  it('draws the twin\'s round 1 flat over every length, and nothing where the twin did not run', () => {
    expect(flatTwin(r, [10, 20, 40], 'len-10', 'attackTrainSuccess').map((p) => [p.x, p.s.mean])).toEqual([[10, 0.2], [20, 0.2], [40, 0.2]]);
    expect(flatTwin(r, [10, 20], 'len-20', 'attackTrainSuccess')).toEqual([]);
  });
});
