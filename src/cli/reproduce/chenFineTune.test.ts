import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { chenScales, chenStudies, matchingWarmup, type ChenScale } from './chenOmniglot';
import { A3_STUDY, fineTuneScales, fineTuneStudies } from './chenFineTune';
import { a3Claims, fineTuneClaims } from './chenFineTuneReport';
import type { SeriesName } from './plan';
import { Results } from './results';
import { writeRun } from './writeRun';

describe('npm run reproduce -- chen-omniglot-finetune', () => {
  const full = fineTuneStudies(fineTuneScales.full);

  it("runs chen-omniglot's full Experiments 2–4, config for config, and the appendix's δ = 0.2, 0.4, 0.6 and 1 beside 0.3", () => {
    const chen = chenStudies(chenScales.full);
    expect(full.map((s) => s.id)).toEqual(['exp2', 'exp3-lr0.01', 'exp3-lr0.05', 'exp4-delta0.3', 'exp4-delta0.2', 'exp4-delta0.4', 'exp4-delta0.6', 'exp4-delta1', A3_STUDY]);
    for (const s of full.slice(0, -1)) expect(s).toEqual(chen.find((c) => c.id === s.id));
  });

  it("fine-tunes for the paper's 500 iterations at η = 0.001, 0.01, 0.05 and as a matching network from δθ_G + (1 − δ)θ_glorot", () => {
    const ft = (id: string) => full.find((s) => s.id === id)!.config.defense.fineTune;
    expect(ft('exp2')).toMatchObject({ kind: 'supervised', lr: 0.001, iterations: 500, every: 50, episodes: 10 });
    expect(ft('exp3-lr0.05')).toMatchObject({ kind: 'supervised', lr: 0.05, iterations: 500 });
    expect(ft('exp4-delta0.6')).toMatchObject({ kind: 'matching', delta: 0.6, lr: 0.001, iterations: 500, warmup: 3 });
    expect(ft(A3_STUDY)).toMatchObject({ kind: 'supervised', delta: 0.3, lr: 0.001, iterations: 500, every: 50, episodes: 10 });
    expect(full.at(-1)!.config.attack).toEqual(full[0].config.attack);
    for (const s of full) expect(s.config.attack).toMatchObject({ targetLabel: 'random', outerLr: 1, episodes: 2000, schedule: { kind: 'single-shot', round: 1 } });
  });

  it('warms the matching network up for "a few" iterations: 3, and never all of them', () => {
    expect([500, 30, 4, 3, 2, 1].map(matchingWarmup)).toEqual([3, 3, 3, 2, 1, 1]);
    const warmups = (scale: ChenScale) => fineTuneStudies(scale).filter((s) => s.id.startsWith('exp4')).map((s) => (s.config.defense.fineTune as { warmup: number }).warmup);
    expect(warmups(fineTuneScales.full)).toEqual([3, 3, 3, 3, 3]);
    expect(warmups(fineTuneScales.quick)).toEqual([3, 3, 3, 3, 3]);
    expect(warmups(fineTuneScales.tiny)).toEqual([1, 1]);
  });

  it('keeps the quick scale at chen-omniglot --quick\'s, with every δ of the full one', () => {
    const quick = fineTuneStudies(fineTuneScales.quick);
    const chen = chenStudies(chenScales.quick);
    for (const id of ['exp2', 'exp4-delta0.3', 'exp4-delta1']) expect(quick.find((s) => s.id === id)).toEqual(chen.find((c) => c.id === id));
    expect(quick.filter((s) => s.id.startsWith('exp4')).map((s) => s.config.defense.fineTune)).toMatchObject([0.3, 0.2, 0.4, 0.6, 1].map((delta) => ({ kind: 'matching', delta })));
  });
});

describe("chen-omniglot-finetune's rows", () => {
  const scale = { ...fineTuneScales.tiny, seeds: 2, deltas: [0.2, 0.4, 0.6, 1], fineTune: { iterations: 100, every: 50, episodes: 1 } };
  const studies = fineTuneStudies(scale);
  const dir = mkdtempSync(join(tmpdir(), 'finetune-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** Two users' fine-tuning points at iterations 0, 50, 100 (the same for both seeds). */
  const run = (study: string, series: SeriesName, users: Record<string, number[]>[]) => {
    for (const seed of [1, 2]) {
      writeRun(dir, study, series, seed, users.flatMap((metrics, user) => [0, 50, 100].map((iteration, i) => ({
        phase: 'fine-tune', round: 1, seed, user, iteration, ...Object.fromEntries(Object.entries(metrics).map(([m, v]) => [m, v[i]])),
      }))));
    }
  };
  const flat = (attack: number, acc = 0.9) => ({ attackTrainSuccess: [attack, attack, attack], mainTaskAccuracy: [acc, acc, acc], metaTestAccuracy: [acc, acc, acc] });

  it('reads the users\' mean at the last iteration, the lowest user, iteration 50 for Fig. 9 and the appendix\'s δ orderings', () => {
    run('exp2', 'attacked', [{ attackTrainSuccess: [0.9, 0.8, 0.7], mainTaskAccuracy: [0.9, 0.95, 1], metaTestAccuracy: [0.9, 0.95, 0.99] }, flat(0.3)]);
    run('exp2', 'twin', [flat(0.2), flat(0.2)]);
    for (const lr of scale.lrs) for (const series of ['attacked', 'twin'] as const) run(`exp3-lr${lr}`, series, [flat(0.25, 0.8), flat(0.25, 0.8)]);
    run('exp4-delta0.3', 'attacked', [{ ...flat(0.22), metaTestAccuracy: [0.9, 0.97, 0.99] }, flat(0.22)]);
    run('exp4-delta0.3', 'twin', [flat(0.2, 0.9), flat(0.2, 0.9)]);
    run('exp4-delta0.2', 'attacked', [flat(0.18, 0.85), flat(0.18, 0.85)]);
    run('exp4-delta0.4', 'attacked', [flat(0.3, 0.88), flat(0.3, 0.88)]);
    run('exp4-delta0.6', 'attacked', [flat(0.45), flat(0.45)]);
    run('exp4-delta0.6', 'twin', [flat(0.2), flat(0.2)]);
    run('exp4-delta1', 'attacked', [flat(0.6), flat(0.6)]);
    run(A3_STUDY, 'attacked', [flat(0.3, 0.8), flat(0.3, 0.8)]);
    const results = new Results(dir, studies, 2);
    const rows = [...fineTuneClaims(results, scale), ...a3Claims(results, A3_STUDY)];
    const row = (what: string) => rows.find((r) => r.what.includes(what))!;
    // users 0.7 and 0.3 at iteration 100: mean 0.5, lowest 0.3
    expect(row('Exp. 2 (random-output attacker) attack success after fine-tuning, lowest user').ours?.mean).toBeCloseTo(0.3);
    expect(row('Exp. 2 (random-output attacker) main-task accuracy').ours?.mean).toBeCloseTo(0.95);
    expect(row('η = 0.05 lowers attack success').verdict).toBe('holds (η = 0.001: 50.0%)');
    // Fig. 9 at iteration 50: (0.97 + 0.9) / 2
    expect(row('meta-testing accuracy after 50 fine-tuning iterations, as the paper').ours?.mean).toBeCloseTo(0.935);
    expect(row('meta-testing accuracy after all 100 fine-tuning iterations').ours?.mean).toBeCloseTo(0.945);
    expect(row('meta-testing accuracy after all 100 fine-tuning iterations').verdict).toBe('holds (no more than 5 points below the twin)');
    expect(row('δ = 0.6 does not remove the backdoor').verdict).toBe('holds (25.0 points above the twin)');
    expect(row('δ = 0.2 removes more of the backdoor than δ = 0.4').verdict).toBe('holds (δ = 0.4: 30.0%)');
    expect(row('δ = 0.2 main-task accuracy below δ = 0.4').verdict).toBe('holds (δ = 0.4: 88.0%)');
    expect(row('δ = 1 (plain matching network) keeps more').verdict).toBe('holds (δ = 0.3: 22.0%)');
    // A.3 against Fig. 9: attack success 30% against 22% (8 points), meta-testing 80% against the users' (0.99 + 0.9) / 2 = 94.5% (14.5 points)
    expect(row('supervised fine-tuning from δ = 0.3: attack success').verdict).toBe('holds (8.0 points from the matching network\'s 22.0%)');
    expect(row('supervised fine-tuning from δ = 0.3: meta-testing').verdict).toBe('does not hold (14.5 points from the matching network\'s 94.5%)');
  });
});
