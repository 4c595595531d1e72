import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CHECKPOINT_A, chenScales, chenStudies } from './chenOmniglot';
import { innerEpochsScales, innerEpochsStudies } from './chenInnerEpochs';
import { innerEpochsClaims } from './chenInnerEpochsReport';
import { persistenceScales, persistenceStudies } from './chenPersistence';
import type { SeriesName } from './plan';
import { Results } from './results';
import { writeRun } from './writeRun';

describe('npm run reproduce -- chen-omniglot-inner-epochs', () => {
  it.each(['full', 'quick'] as const)('--%s: each attacker of chen-omniglot at 2, 10 and the paper\'s 50 inner epochs, the attack round only, scored at a random output', (name) => {
    const s = innerEpochsScales[name];
    const studies = innerEpochsStudies(s);
    expect(studies.map((x) => x.id)).toEqual(['paper-e2', 'paper-e10', 'paper-e50', 'random-e2', 'random-e10', 'random-e50']);
    // One benign twin per seed, carried by the first study: every point is read against it.
    expect(studies.map((x) => x.series)).toEqual([['attacked', 'twin'], ...Array(5).fill(['attacked'])]);
    const chen = new Map(chenStudies(chenScales[name]).map((x) => [x.id, x.config]));
    // The evaluation of the persistence runs at the same scale (the paper's 40 × 50 at full), here for round 1 only.
    const persistence = persistenceStudies(persistenceScales[name])[0].config;
    for (const st of studies) {
      const [kind, e] = [st.id.split('-e')[0], Number(st.id.split('-e')[1])];
      // chen-omniglot's attacker of that kind in scenario (a), with only its episodes and inner epochs changed.
      const own = chen.get(kind === 'paper' ? 'exp1-a' : 'exp1-a-random')!.attack;
      expect(st.config.attack).toEqual({ ...own, episodes: name === 'full' ? 500 : 100, innerEpochs: e });
      expect(st.config.attack).toMatchObject({ scenario: 'a', targetLabel: kind === 'paper' ? 'last' : 'random', boost: 3 });
      expect({ rounds: st.config.rounds, init: st.config.init }).toEqual({ rounds: 1, init: { kind: 'checkpoint', source: CHECKPOINT_A } });
      expect(st.config.eval).toEqual({ ...persistence.eval, every: 1 });
      expect(st.config.eval.attackTargetPlacement).toBe('random');
    }
    // Apart from the attack, every study is the same run: the twin stands for all of them.
    for (const st of studies) expect({ ...st.config, attack: studies[0].config.attack }).toEqual(studies[0].config);
  });
});

describe('chen-omniglot-inner-epochs\'s rows', () => {
  const scale = { ...innerEpochsScales.tiny, seeds: 2, innerEpochs: [2, 50] };
  const dir = mkdtempSync(join(tmpdir(), 'inner-epochs-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const run = (study: string, series: SeriesName, seed: number, success: [number, number], meta = 0.95) =>
    writeRun(dir, study, series, seed, success.map((s, round) => ({ phase: 'round', round, seed, attackTrainSuccess: s, attackValSuccess: s, metaTestAccuracy: meta })));
  const rows = () => innerEpochsClaims(new Results(dir, innerEpochsStudies(scale), 2), scale);
  const row = (what: string) => rows().find((r) => r.what === what)!;

  it('reads every point against the one twin, the longest against the paper\'s 78%, and the rise from the shortest', () => {
    // Twin after the attack: 0.25 (seeds 0.2 and 0.3). The paper's attacker stays at 0.2 at both
    // lengths; the random-output one goes from 0.5 to 0.8 (seeds 0.75 and 0.85) at meta-testing 0.9.
    for (const seed of [1, 2]) {
      run('paper-e2', 'twin', seed, [0.2, 0.1 + seed / 10]);
      run('paper-e2', 'attacked', seed, [0.2, 0.2]);
      run('paper-e50', 'attacked', seed, [0.2, 0.2]);
      run('random-e2', 'attacked', seed, [0.2, 0.5]);
      run('random-e50', 'attacked', seed, [0.2, 0.65 + seed / 10], 0.9);
    }
    const paper = 'Exp. 1(a), the paper\'s attacker (target on output N), 10 episodes';
    const random = 'Exp. 1(a), the random-output attacker (ε = 1), 10 episodes';
    const above = 'attack success (training set) after the attack more than 10 points above the benign twin\'s';
    expect(row(`${paper} × 50 inner epochs: ${above}`)).toMatchObject({ paper: 'yes (78% after 50000 × 50)', verdict: 'does not hold (-5.0 points above the twin)' });
    expect(row(`${paper} × 50 inner epochs: ${above}`).twin?.mean).toBeCloseTo(0.25);
    expect(row(`${paper}: 50 inner epochs raise attack success (training set) more than 10 points over 2`).verdict).toBe('does not hold (2 inner epochs: 20.0%)');
    expect(row(`${paper} × 50 inner epochs (the paper's count): attack success (training set) after the attack`)).toMatchObject({ paper: '78%', verdict: 'off by -58.0 points' });
    expect(row(`${random} × 2 inner epochs: ${above}`).verdict).toBe('holds (25.0 points above the twin)');
    expect(row(`${random} × 50 inner epochs: ${above}`).verdict).toBe('holds (55.0 points above the twin)');
    expect(row(`${random}: 50 inner epochs raise attack success (training set) more than 10 points over 2`).verdict).toBe('holds (2 inner epochs: 50.0%)');
    expect(row(`${random} × 50 inner epochs (the paper's count): attack success (training set) after the attack`).verdict).toBe('within ±10 points');
    expect(row(`${random} × 50 inner epochs: meta-testing accuracy after the attack`)).toMatchObject({ paper: '≥ 98%', verdict: 'within ±10 points of the bound' });
    expect(row(`${random} × 50 inner epochs: meta-testing accuracy after the attack`).ours?.mean).toBeCloseTo(0.9);
    expect(rows()[0].what).toBe('Meta-testing accuracy before the attack');
    expect(rows().at(-1)!.verdict).toBe('near chance (within 10 points)');
  });
});
