import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { shouldEvaluate } from '../../engine/experiment/run';
import { chenScales, chenStudies } from './chenOmniglot';
import { persistenceScales, persistenceStudies } from './chenPersistence';
import { persistenceClaims } from './chenPersistenceReport';
import type { SeriesName } from './plan';
import { Results } from './results';
import { writeRun } from './writeRun';

describe('npm run reproduce -- chen-omniglot-persistence', () => {
  const full = persistenceStudies(persistenceScales.full);

  it('runs Experiment 1(a), (b) and (c) with the full chen-omniglot\'s random-output attacker, then 50 benign rounds', () => {
    const chen = chenStudies(chenScales.full);
    expect(full.map((s) => s.id)).toEqual(['exp1-a-random', 'exp1-b-random', 'exp1-c-random']);
    for (const s of full) {
      const same = chen.find((c) => c.id === s.id)!;
      expect(s.config.attack).toEqual(same.config.attack);
      expect(s.config.attack).toMatchObject({ targetLabel: 'random', outerLr: 1, episodes: 2000, schedule: { kind: 'single-shot', round: 1 } });
      expect(s.config.init).toEqual(same.config.init);
      expect(s.config.rounds).toBe(51);
      expect(s.series).toEqual(['attacked', 'twin']);
    }
  });

  it('evaluates right after the attack (round 1), every 10 rounds and at the last, with the paper\'s 40 episodes × 50 steps', () => {
    const c = full[0].config;
    expect(Array.from({ length: 52 }, (_, t) => t).filter((t) => shouldEvaluate(t, c))).toEqual([0, 1, 10, 20, 30, 40, 50, 51]);
    expect(c.eval).toMatchObject({ episodes: 40, steps: 50 });
  });
});

describe('chen-omniglot-persistence\'s rows', () => {
  const scale = { ...persistenceScales.tiny, seeds: 2, rounds: 4, scenarios: ['a'] as const };
  const studies = persistenceStudies(scale);
  const dir = mkdtempSync(join(tmpdir(), 'persistence-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (series: SeriesName, seed: number, success: number[]) => {
    writeRun(dir, 'exp1-a-random', series, seed, success.map((s, round) => ({ phase: 'round', round, seed, attackTrainSuccess: s, attackValSuccess: s, metaTestAccuracy: 0.95 })));
  };

  it('reads the round after the attack and the last round against the twin\'s, seed by seed averaged', () => {
    // rounds 0, 1 (the attack), 2, 3, 4: the attacked run falls from 0.8 to 0.45 (mean of 0.4 and 0.5), the twin drifts from 0.2 to 0.3.
    run('attacked', 1, [0.2, 0.8, 0.6, 0.5, 0.4]);
    run('attacked', 2, [0.2, 0.8, 0.7, 0.6, 0.5]);
    for (const seed of [1, 2]) run('twin', seed, [0.2, 0.2, 0.2, 0.25, 0.3]);
    const rows = persistenceClaims(new Results(dir, studies, 2), scale);
    const row = (what: string) => rows.find((r) => r.what.endsWith(what))!;
    expect(row('Exp. 1(a) attack success (training set) after the attack').ours?.mean).toBeCloseTo(0.8);
    expect(row('Exp. 1(a) attack success (training set) after the attack').verdict).toBe('within ±10 points');
    expect(row('Exp. 1(a) attack success (training set) at the last round (ours: 4; paper: 50)').ours?.mean).toBeCloseTo(0.45);
    expect(row('Exp. 1(a) attack success (training set) at the last round (ours: 4; paper: 50)').verdict).toBe('within ±10 points');
    expect(row('at the last round (ours: 4; paper: 50) more than 10 points above the benign twin\'s').verdict).toBe('holds (15.0 points above the twin)');
    expect(row('after the attack more than 10 points above the benign twin\'s').verdict).toBe('holds (60.0 points above the twin)');
    expect(rows.at(-1)!.verdict).toBe('near chance (within 10 points)');
  });
});
