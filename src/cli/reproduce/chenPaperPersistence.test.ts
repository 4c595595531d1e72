import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_A, CHECKPOINT_BC, chenScales, chenStudies } from './chenOmniglot';
import { paperPersistenceScales, paperPersistenceStudies } from './chenPaperPersistence';
import { paperPersistenceClaims } from './chenPaperPersistenceReport';
import { persistenceScales, persistenceStudies } from './chenPersistence';
import type { SeriesName } from './plan';
import { Results } from './results';
import { writeRun } from './writeRun';

describe('npm run reproduce -- chen-omniglot-paper-persistence', () => {
  it.each(['full', 'quick'] as const)('--%s: chen-omniglot\'s Experiment 1 attack per scenario, at chen-omniglot-persistence\'s length, (a) scored at a random output and on output N', (name) => {
    const studies = paperPersistenceStudies(paperPersistenceScales[name]);
    const chen = new Map(chenStudies(chenScales[name]).map((s) => [s.id, s.config]));
    const persistence = new Map(persistenceStudies(persistenceScales.full).map((s) => [s.id, s.config]));
    const ids = name === 'full' ? ['exp1-a', 'exp1-a-last', 'exp1-b-last', 'exp1-c-last'] : ['exp1-a', 'exp1-a-last'];
    expect(studies.map((s) => s.id)).toEqual([...ids, ...(name === 'full' ? ['length-4000', 'length-8000', 'length-16000'] : [])]);
    for (const s of studies.filter((x) => ids.includes(x.id))) {
      const sc = s.id[5] as 'a' | 'b' | 'c';
      // The paper's attacker: the same attack as chen-omniglot's for the scenario, its target on output N, Reptile's ε of the benign users.
      expect(s.config.attack).toEqual(chen.get(`exp1-${sc}`)!.attack);
      expect(s.config.attack).toMatchObject({ kind: 'chen-backdoor', scenario: sc, targetLabel: 'last', boost: 3, innerEpochs: 2, episodes: name === 'full' ? 2000 : 500 });
      expect(s.config.attack).not.toMatchObject({ outerLr: expect.anything() });
      expect(s.series).toEqual(['attacked', 'twin']);
      // Rounds, evaluation and starting point as the random-output attacker's persistence run of the same scenario.
      const own = name === 'full' ? persistence.get(`exp1-${sc}-random`)! : persistenceStudies(persistenceScales.quick)[0].config;
      expect({ rounds: s.config.rounds, init: s.config.init }).toEqual({ rounds: own.rounds, init: own.init });
      expect({ ...s.config.eval, attackTargetPlacement: 'random' }).toEqual(own.eval);
      expect(s.config.eval.attackTargetPlacement).toBe(s.id.endsWith('-last') ? 'last' : 'random');
    }
    expect(studies[0].config.rounds).toBe(name === 'full' ? 51 : 11);
    // (b) and (c) start from the checkpoint pre-trained with the backdoor classes, (a) from the other.
    if (name === 'full') expect(studies.slice(0, 4).map((s) => s.config.init)).toEqual([CHECKPOINT_A, CHECKPOINT_A, CHECKPOINT_BC, CHECKPOINT_BC].map((source) => ({ kind: 'checkpoint', source })));
  });

  it('--full: the length curve is exp1-a trained 2, 4 and 8 times as long, the attack round only, scored at a random output', () => {
    const studies = paperPersistenceStudies(paperPersistenceScales.full);
    const a = studies[0].config;
    for (const [id, episodes] of [['length-4000', 4000], ['length-8000', 8000], ['length-16000', 16000]] as const) {
      const s = studies.find((x) => x.id === id)!;
      expect(s.series).toEqual(['attacked']);
      expect(s.config).toEqual({ ...a, rounds: 1, attack: { ...a.attack, episodes } });
    }
  });
});

describe('chen-omniglot-paper-persistence\'s rows', () => {
  const scale = { ...paperPersistenceScales.tiny, seeds: 2, rounds: 4, scenarios: ['b', 'c'] as const };
  const dir = mkdtempSync(join(tmpdir(), 'paper-persistence-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (study: string, series: SeriesName, seed: number, success: number[]) =>
    writeRun(dir, study, series, seed, success.map((s, round) => ({ phase: 'round', round, seed, attackTrainSuccess: s, attackValSuccess: s, metaTestAccuracy: 0.95 })));
  const rows = () => paperPersistenceClaims(new Results(dir, paperPersistenceStudies(scale), 2), scale);
  const row = (what: string) => rows().find((r) => r.what === what)!;

  it('reads each placement against its own twin: nothing planted at a random output, the shortcut falling on output N', () => {
    // At a random output the attacked runs stay with their twins near 1/N; on output N they start at
    // 0.85 and fall to 0.5 (seeds' mean of 0.45 and 0.55), while the twins sit at 0.1.
    for (const seed of [1, 2]) {
      run('exp1-a', 'attacked', seed, [0.2, 0.2, 0.2, 0.2, 0.2]);
      run('exp1-a', 'twin', seed, [0.2, 0.25, 0.2, 0.2, 0.2]);
      run('exp1-a-last', 'attacked', seed, [0.1, 0.85, 0.8, 0.7, 0.35 + seed / 10]);
      run('exp1-a-last', 'twin', seed, [0.1, 0.1, 0.1, 0.1, 0.1]);
    }
    expect(row('Exp. 1(a) attack success (training set) after the attack').verdict).toBe('off by -58.0 points');
    expect(row('Exp. 1(a) attack success (training set) after the attack more than 10 points above the benign twin\'s').verdict).toBe('does not hold (-5.0 points above the twin)');
    const shortcut = 'Scored on the N-th output (the shortcut): Exp. 1(a) attack success (training set)';
    expect(row(`${shortcut} after the attack`).verdict).toBe('within ±10 points');
    expect(row(`${shortcut} at the last round (ours: 4; paper: 50)`).ours?.mean).toBeCloseTo(0.5);
    expect(row(`${shortcut} at the last round (ours: 4; paper: 50) more than 10 points above the benign twin's`).verdict).toBe('holds (40.0 points above the twin)');
    expect(row(`${shortcut} falls more than 10 points between the attack and the last round`).verdict).toBe('holds (after the attack: 85.0%)');
    expect(rows().at(-1)!.verdict).toBe('near chance (within 10 points)');
  });

  it('reads (b) and (c) on output N against their twins and the paper\'s Fig. 3b and 3c', () => {
    // (b) falls from 0.9 to 0.6 beside a twin at 0.1; (c) holds at 0.3, twin 0.25: not 10 points above it.
    for (const seed of [1, 2]) {
      run('exp1-b-last', 'attacked', seed, [0.1, 0.9, 0.8, 0.7, 0.6]);
      run('exp1-b-last', 'twin', seed, [0.1, 0.1, 0.1, 0.1, 0.1]);
      run('exp1-c-last', 'attacked', seed, [0.2, 0.3, 0.3, 0.3, 0.3]);
      run('exp1-c-last', 'twin', seed, [0.2, 0.25, 0.25, 0.25, 0.25]);
    }
    const shortcut = 'Scored on the N-th output (the shortcut): ';
    expect(row(`${shortcut}Exp. 1(b) attack success (training set) after the attack`)).toMatchObject({ figure: 'Fig. 3b', paper: '92%', verdict: 'within ±10 points' });
    expect(row(`${shortcut}Exp. 1(b) attack success (training set) at the last round (ours: 4; paper: 50)`).verdict).toBe('within ±10 points');
    expect(row(`${shortcut}Exp. 1(b) attack success (training set) falls more than 10 points between the attack and the last round`)).toMatchObject({ paper: 'yes (92% to 50%)', verdict: 'holds (after the attack: 90.0%)' });
    expect(row(`${shortcut}Exp. 1(c) attack success (training set) after the attack`).verdict).toBe('off by -60.0 points');
    expect(row(`${shortcut}Exp. 1(c) attack success degrades noticeably after the attack`).verdict).toBe('does not hold (last round more than 5 points below the round after the attack)');
    expect(row(`${shortcut}Exp. 1(c) attack success (training set) after the attack more than 10 points above the benign twin's`).verdict).toBe('does not hold (5.0 points above the twin)');
    expect(rows().filter((r) => r.what.includes('Exp. 1(c)')).map((r) => r.figure)).toEqual(Array(5).fill('Fig. 3c'));
  });

  it('reads each longer attacker against exp1-a\'s twin right after the attack', () => {
    // The twin after the attack: 0.25 (first test); the longer attacker at 0.4 on both seeds.
    for (const seed of [1, 2]) run('length-20', 'attacked', seed, [0.2, 0.4]);
    const r = rows().find((x) => x.what.startsWith('Exp. 1(a) with the paper\'s attacker trained on 20 episodes'))!;
    expect(r.what).toBe('Exp. 1(a) with the paper\'s attacker trained on 20 episodes (2× the rows above): attack success (training set) after the attack more than 10 points above the benign twin\'s');
    expect([r.ours?.mean, r.twin?.mean, r.verdict]).toEqual([0.4, 0.25, 'holds (15.0 points above the twin)']);
    for (const seed of [1, 2]) run('length-20', 'attacked', seed, [0.2, 0.3]);
    expect(rows().find((x) => x.what === r.what)!.verdict).toBe('does not hold (5.0 points above the twin)');
  });

  it('says the shortcut does not fall when it holds to the last round', () => {
    for (const seed of [1, 2]) run('exp1-a-last', 'attacked', seed, [0.1, 0.9, 0.9, 0.9, 0.85]);
    expect(row('Scored on the N-th output (the shortcut): Exp. 1(a) attack success (training set) falls more than 10 points between the attack and the last round').verdict).toBe('does not hold (after the attack: 90.0%)');
  });
});
