import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { SeriesName } from './plan';
import { Results } from './results';
import { writeRun } from './writeRun';
import { clipStudy } from './zhouDefenses';
import { zhouScales, zhouStudies } from './zhouMnist';
import { zhouClaims, zhouFigures } from './zhouReport';
import type { Figure } from './figure';

const scale = { ...zhouScales.tiny, seeds: 2, rounds: 3, attackRound: 2, clipNorm: 1, clipCurve: [2, 5] };
const studies = zhouStudies(scale);
const dir = mkdtempSync(join(tmpdir(), 'zhou-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Writes one run's JSON lines, one per round; `line(round)` adds that round's fields. */
function run(study: string, series: SeriesName, seed: number, line: (round: number) => object) {
  writeRun(dir, study, series, seed, [1, 2, 3].map((round) => ({ phase: 'round', round, seed, ...line(round) })));
}
const updates = (norms: number[], malicious = -1) => ({ stealth: { updates: norms.map((norm, i) => ({ clientId: i, malicious: i === malicious, norm })) } });

describe('Zhou Fig. 6a\'s rows: norm clipping against its bound M', () => {
  it('reads each M against the benign twin\'s largest update norm and gives each its verdict', () => {
    // The twin's largest benign norm per round: seed 1 → 5, 2, 1.5; seed 2 → 4, 2.5, 0.5 (the attacker's 9
    // is not benign). Round 1 comes before the attack (round 2), so its large norms do not count.
    run('ma-zhou', 'twin', 1, (r) => updates([[5, 0.5], [2, 1], [1.5, 1]][r - 1]));
    run('ma-zhou', 'twin', 2, (r) => updates([[4, 1, 9], [2.5, 1, 9], [0.5, 0.2, 9]][r - 1], 2));
    const success = (seedValues: number[]) => (seed: number) => (r: number) => ({ attackTrainSuccess: r === 3 ? seedValues[seed - 1] : 0, testAccuracy: r === 3 ? 0.9 + seed / 100 : 0.5 });
    for (const [study, values] of [['clip-zhou', [0, 0.02]], [clipStudy(2), [0.5, 0.7]], [clipStudy(5), [0.95, 0.99]]] as const) {
      for (const seed of [1, 2]) run(study, 'attacked', seed, success([...values])(seed));
    }
    const rows = zhouClaims(new Results(dir, studies, 2), scale).filter((r) => r.figure === 'Fig. 6a' && r.what.startsWith('Norm clipping bypassed'));
    // Means over seeds in the attack rounds 2 and 3: 2.25 and 1, so the largest is 2.25.
    expect(rows.map((r) => r.what)).toEqual(['0.4', '0.9', '2.2'].map((x, i) => `Norm clipping bypassed (M = ${[1, 2, 5][i]}, ${x}× the largest benign update norm of the attack rounds (2.25)): attack success on D_p at the last round`));
    expect(rows.map((r) => r.ours?.mean)).toEqual([0.01, 0.6, 0.97]);
    expect(rows.map((r) => r.verdict)).toEqual(['not met (-89.0 points)', 'not met (-30.0 points)', 'met'].map((v) => `${v}; test accuracy 91.5 ± 0.7%`));
  });
});

describe('Zhou Figs. 4 and 5\'s rows under both readings of eq. 4', () => {
  it('gives the from-G^t studies their own rows, read against model replacement and the phase-moves twin', () => {
    const flat = (v: number, acc = 0.9) => () => ({ attackTrainSuccess: v, testAccuracy: acc });
    for (const seed of [1, 2]) {
      run('ma-zhou-fg', 'attacked', seed, flat(0.95));
      run('sa-zhou-fg', 'attacked', seed, (r) => ({ attackTrainSuccess: r === 3 ? 0.1 : 0.8, testAccuracy: 0.85 }));
      run('sa-replacement', 'attacked', seed, (r) => ({ attackTrainSuccess: r === 3 ? 0.2 : 0.9, testAccuracy: 0.8 }));
      run('sa-zhou', 'twin', seed, flat(0, 0.95));
    }
    const rows = zhouClaims(new Results(dir, studies, 2), scale).filter((r) => r.what.includes('(from G^t)'));
    expect(rows.map((r) => [r.what.slice(0, 30), r.ours?.mean, r.verdict])).toEqual([
      ['MA_t (from G^t): attack succes', 0.95, 'met'],
      ['MA_t (from G^t): main-task acc', 0.9, 'not run'],
      ['SA_t (from G^t): attack succes', 0.1, 'does not hold (model replacement: 20.0%)'],
      ['SA_t (from G^t): attack succes', 0.1, 'does not hold (model replacement: 20.0%)'],
      ['SA_t (from G^t): main-task acc', 0.85, 'holds (model replacement: 80.0%)'],
    ]);
    expect(rows[4].twin?.mean).toBe(0.95);
  });
});

describe('zhou-mnist at a scale without eq. 4 from G^t or Krum\'s baselines (--quick)', () => {
  const lean = { ...scale, fromGlobal: false, krumBaselines: false };
  const leanStudies = zhouStudies(lean);

  it('runs every study of the scale with them but those four, each the same', () => {
    const left = ['ma-zhou-fg', 'sa-zhou-fg', 'krum-replacement', 'krum-bhagoji'];
    expect(leanStudies.map((s) => s.id)).toEqual(studies.map((s) => s.id).filter((id) => !left.includes(id)));
    for (const s of leanStudies) expect(s).toEqual(studies.find((x) => x.id === s.id));
  });

  it('has no rows for them, and keeps Fig. 6a\'s comparisons under clipping', () => {
    const rows = zhouClaims(new Results(dir, leanStudies, 2), lean).map((r) => r.what);
    expect(rows.filter((w) => w.includes('from G^t'))).toEqual([]);
    expect(rows.filter((w) => / above model (replacement \[4\]|poisoning \[8\])'s$/.test(w))).toEqual([
      'Norm clipping (M = 1): the proposed attack\'s success at the last round above model replacement [4]\'s',
      'Norm clipping (M = 1): the proposed attack\'s success at the last round above model poisoning [8]\'s',
    ]);
    expect(rows).toContain('Krum: the proposed attack\'s success on D_p at the last round');
    expect(zhouClaims(new Results(dir, studies, 2), scale).length - rows.length).toBe(7); // 2 + 3 from-G^t rows, 2 Krum comparisons
  });

  it('draws no line for them', () => {
    const names = (f: Figure) => f.panels.flatMap((p) => p.series.map((x) => x.name));
    const figs = zhouFigures(new Results(dir, leanStudies, 2), lean);
    expect([...names(figs.fig4), ...names(figs.fig5)].filter((n) => n.includes('G^t'))).toEqual([]);
    expect(figs.fig6a.panels[1].series.map((x) => x.name)).toEqual(['proposed', 'proposed']);
    expect(zhouFigures(new Results(dir, studies, 2), scale).fig6a.panels[1].series.map((x) => x.name)).toEqual(['proposed', 'proposed', 'model replacement [4]', 'model poisoning [8]']);
  });
});
