import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { mergeConfig, parseConfig } from '../../engine/config/parse';
import { presets } from '../../engine/config/presets';
import type { ConfigInput } from '../../engine/config/schema';
import type { SeriesName } from './plan';
import { Results } from './results';
import { writeRun } from './writeRun';
import { ZHOU_PRETRAINED, zhouTable2Checkpoints, zhouTable2Scales, zhouTable2Studies } from './zhouTable2';
import { zhouTable2Claims } from './zhouTable2Report';

describe('npm run reproduce -- zhou-mnist-table2', () => {
  const quick = zhouTable2Studies(zhouTable2Scales.quick);
  const study = (id: string) => quick.find((s) => s.id === id)!;

  it("runs Table 2's η = 0.04 and η1 = 0.05 from the converged checkpoint, SA_t and MA_t, both readings of eq. 4 and model replacement", () => {
    expect(quick.map((s) => s.id)).toEqual(['sa-fg', 'sa-pm', 'sa-replacement', 'ma-fg', 'ma-pm', 'ma-replacement',
      'clip-zhou', 'clip-replacement', 'clip-bhagoji', 'clip-zhou-m3', 'clip-zhou-m10', 'clip-zhou-m100', 'krum-zhou', 'krum-replacement', 'krum-bhagoji', 'ma-bhagoji']);
    for (const s of quick) {
      expect(s.config.federation.serverLr).toBe(0.04);
      expect(s.config.init).toEqual({ kind: 'checkpoint', source: ZHOU_PRETRAINED });
      expect(s.config.attack).toMatchObject({ betweenAttacks: 'selected', boostInverseWeight: true });
    }
    expect(study('sa-fg').config.attack).toMatchObject({ kind: 'zhou-am', parts: 'from-global', mainScale: 0.05, schedule: { kind: 'single-shot', round: 2 } });
    expect(study('ma-pm').config.attack).toMatchObject({ kind: 'zhou-am', parts: 'phase-moves', mainScale: 0.05, schedule: { kind: 'multi-shot', from: 2 } });
    expect(study('sa-replacement').config.attack).toMatchObject({ kind: 'model-replacement', schedule: { kind: 'single-shot', round: 2 } });
    // One benign twin serves every undefended study: the same base, seed and rounds without the attack;
    // each defense has its own.
    expect(quick.filter((s) => s.series.includes('twin')).map((s) => s.id)).toEqual(['sa-fg', 'clip-zhou', 'krum-zhou']);
  });

  it("runs Fig. 6a's defenses against MA_t read from G^t, each differing from it only in the aggregator", () => {
    const ma = study('ma-fg').config;
    for (const [id, aggregator] of [['clip-zhou', { kind: 'norm-clipping', maxNorm: 1 }], ['clip-zhou-m10', { kind: 'norm-clipping', maxNorm: 10 }], ['krum-zhou', { kind: 'krum', f: 0 }]] as const) {
      const c = study(id).config;
      expect(c.federation.aggregator).toMatchObject(aggregator);
      expect({ ...c, federation: ma.federation }).toEqual(ma);
    }
    const replacement = study('ma-replacement').config;
    for (const id of ['clip-replacement', 'krum-replacement']) expect({ ...study(id).config, federation: replacement.federation }).toEqual(replacement);
  });

  it("runs Bhagoji's model poisoning ([8]) against both defenses on the proposed attack's D_p, steps and alternations, boosted by n/η", () => {
    const zhou = study('ma-fg').config.attack, poisoning = study('clip-bhagoji').config;
    expect(poisoning.attack).toMatchObject({
      kind: 'bhagoji-alternating', schedule: { kind: 'multi-shot', from: 2 }, betweenAttacks: 'selected', boostInverseWeight: true, distance: 'global', rho: 1e-4,
      poisonedPerClass: 100, episodes: 60, epochs: 3, benignRatio: 1,
    });
    for (const k of ['key', 'mix', 'poisonedPerClass', 'episodes', 'epochs', 'benignRatio'] as const) expect(poisoning.attack[k as keyof typeof poisoning.attack]).toEqual(zhou[k as keyof typeof zhou]);
    expect(poisoning.federation.aggregator).toMatchObject({ kind: 'norm-clipping', maxNorm: 1 });
    expect({ ...study('krum-bhagoji').config, federation: poisoning.federation }).toEqual(poisoning);
    expect(study('krum-bhagoji').config.federation.aggregator).toMatchObject({ kind: 'krum', f: 0 });
    // Undefended, the reference for both.
    expect({ ...study('ma-bhagoji').config, federation: study('ma-fg').config.federation }).toEqual(study('ma-bhagoji').config);
    expect({ ...poisoning, federation: study('ma-fg').config.federation }).toEqual(study('ma-bhagoji').config);
  });

  it('makes its starting point with zhou-mnist\'s benign federation, 20 rounds of the plain average', () => {
    const [cp] = zhouTable2Checkpoints(zhouTable2Scales.quick);
    expect(cp.path).toBe(ZHOU_PRETRAINED);
    expect(cp.config).toMatchObject({ rounds: 20, attack: { kind: 'none' }, federation: { serverLr: 1 }, model: { kind: 'lenet5' } });
    // zhou-mnist-pretrain is zhou-mnist without its attacker: the committed file is what either makes.
    expect(cp.config).toEqual(parseConfig(mergeConfig(structuredClone(presets['zhou-mnist'].config) as ConfigInput, { rounds: 20, attack: { kind: 'none' } } as ConfigInput)));
    expect(existsSync(ZHOU_PRETRAINED)).toBe(true);
    expect(zhouTable2Checkpoints(zhouTable2Scales.tiny)).toEqual([]);
  });

  it("is the app's zhou-mnist-table2 preset: its multi-shot study read from G^t, which the preset's description quotes", () => {
    expect(parseConfig(presets['zhou-mnist-table2'].config)).toEqual(study('ma-fg').config);
  });
});

describe("zhou-mnist-table2's rows", () => {
  const scale = { ...zhouTable2Scales.tiny, seeds: 2, rounds: 3, attackRound: 2 };
  const studies = zhouTable2Studies(scale);
  const dir = mkdtempSync(join(tmpdir(), 'zhou-table2-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  /** Rounds 1–3 of test accuracy and attack success, the same for both seeds. */
  const run = (id: string, series: SeriesName, acc: number[], success: number[]) => {
    for (const seed of [1, 2]) writeRun(dir, id, series, seed, [1, 2, 3].map((round) => ({ phase: 'round', round, seed, testAccuracy: acc[round - 1], attackTrainSuccess: success[round - 1] })));
  };

  it('reads each reading against model replacement at the attack round and the last, and against the benign run', () => {
    run('sa-fg', 'attacked', [0.95, 0.87, 0.88], [0, 0.99, 0.98]);
    run('sa-fg', 'twin', [0.95, 0.95, 0.96], [0, 0.01, 0.02]);
    run('sa-pm', 'attacked', [0.95, 0.48, 0.5], [0, 1, 1]);
    run('sa-replacement', 'attacked', [0.95, 0.86, 0.86], [0, 1, 0.99]);
    run('ma-fg', 'attacked', [0.95, 0.87, 0.93], [0, 0.99, 1]);
    run('ma-pm', 'attacked', [0.95, 0.48, 0.25], [0, 1, 1]);
    run('ma-replacement', 'attacked', [0.95, 0.86, 0.92], [0, 1, 1]);
    const rows = zhouTable2Claims(new Results(dir, studies, 2), scale);
    const row = (what: string) => { const r = rows.find((x) => x.what.includes(what)); if (!r) throw new Error(`no row ${what}`); return r; };
    expect(row('MA_t (from G^t): attack success').verdict).toBe('met');
    // 0.93 against the benign 0.96: within ±10 points; phase moves 0.25: off by −71
    expect(row('MA_t (from G^t): main-task').verdict).toBe('within ±10 points');
    expect(row('MA_t (phase moves): main-task').verdict).toBe('off by -71.0 points');
    expect(row('SA_t (from G^t): attack success at the last round (1 round after the attack) more than 10 points').verdict).toBe('holds (the backdoor persists)');
    // 0.98 against model replacement's 0.99; phase moves 1 > 0.99
    expect(row('SA_t (from G^t): attack success at the last round above').verdict).toBe('does not hold (model replacement: 99.0%)');
    expect(row('SA_t (phase moves): attack success at the last round above').verdict).toBe('holds (model replacement: 99.0%)');
    // Halfway is round 3 here (1 round after the attack at 2, of 1): the last round's values.
    expect(row('SA_t (from G^t): attack success halfway (round 3, 1 round after the attack)').verdict).toBe('does not hold (model replacement: 99.0%)');
    expect(row('SA_t (phase moves): attack success halfway').verdict).toBe('holds (model replacement: 99.0%)');
    // At full scale (attack at round 10 of 40) halfway is round 25.
    const full = zhouTable2Claims(new Results(dir, zhouTable2Studies(zhouTable2Scales.full), 2), zhouTable2Scales.full);
    expect(full.filter((r) => r.what.includes('halfway')).map((r) => r.what.split(':')[1].trim())).toEqual(Array(2).fill("attack success halfway (round 25, 15 rounds after the attack) above model replacement's"));
    // Round 2: 0.87 against 0.86 holds; phase moves 0.48 does not
    expect(row('SA_t (from G^t): main-task accuracy right after').verdict).toBe('holds (model replacement: 86.0%)');
    expect(row('SA_t (phase moves): main-task accuracy right after').verdict).toBe('does not hold (model replacement: 86.0%)');
    expect(row('SA_t (from G^t): main-task accuracy right after').twin?.mean).toBeCloseTo(0.95);
    // Model replacement: 1 at round 2, 0.99 at round 3: not a drop
    expect(row('model replacement: attack success drops').verdict).toBe('does not hold (round 2: 100.0%)');
    expect(row('Benign run').verdict).toBe('near 0% (at most 10%)');
  });

  it("reads Fig. 6a against the undefended benign run's update norms, Krum's choices and model replacement", () => {
    const withUpdates = (id: string, series: SeriesName, norms: number[][], kept: boolean[] = []) => {
      for (const seed of [1, 2]) {
        writeRun(dir, id, series, seed, [1, 2, 3].map((round) => ({
          phase: 'round', round, seed, testAccuracy: 0.9, attackTrainSuccess: series === 'twin' ? 0 : round / 4,
          attackers: round >= 2 ? [0] : [], outcomes: [{ clientId: 0, action: kept[round - 1] ? 'kept' : 'discarded' }],
          stealth: { updates: norms[round - 1].map((norm, i) => ({ clientId: i, malicious: series !== 'twin' && i === 0, norm })) },
        })));
      }
    };
    // The benign run's largest norms: 3 before the attack (not counted), then 0.8 and 1.6.
    withUpdates('sa-fg', 'twin', [[3, 1], [0.8, 0.5], [1.6, 1]]);
    withUpdates('krum-zhou', 'attacked', [[1], [500], [400]], [true, false, true]);
    withUpdates('krum-zhou', 'twin', [[1], [1], [1]]);
    for (const id of ['clip-zhou', 'clip-replacement', 'clip-zhou-m3']) withUpdates(id, 'attacked', [[1], [1], [1]]);
    // Model poisoning: 0 under clipping; under Krum 0.5 at round 3 (success round / 4 halved below).
    for (const id of ['clip-bhagoji', 'krum-bhagoji']) {
      for (const seed of [1, 2]) writeRun(dir, id, 'attacked', seed, [1, 2, 3].map((round) => ({ phase: 'round', round, seed, testAccuracy: 0.8, attackTrainSuccess: id === 'krum-bhagoji' ? round / 6 + 0.25 : 0 })));
    }
    // Undefended, it swings: every digit to 7 at round 2 (1, 0.1), undone at round 3 (0.2, 0.9).
    for (const seed of [1, 2]) writeRun(dir, 'ma-bhagoji', 'attacked', seed, [[0, 0.95], [1, 0.1], [0.2, 0.9]].map(([success, acc], i) => ({ phase: 'round', round: i + 1, seed, testAccuracy: acc, attackTrainSuccess: success })));
    withUpdates('clip-zhou', 'twin', [[1], [1], [1]]);
    const rows = zhouTable2Claims(new Results(dir, studies, 2), scale).filter((r) => r.figure === 'Fig. 6a');
    expect(rows.map((r) => r.what)).toEqual([
      'Norm clipping bypassed (M = 1, 0.6× the largest benign update norm of the attack rounds (1.60)): attack success on D_p at the last round',
      'Norm clipping bypassed (M = 3, 1.9× the largest benign update norm of the attack rounds (1.60)): attack success on D_p at the last round',
      "Krum keeps the attacker's update in some attack rounds, not all (share of attack rounds kept)",
      "Model poisoning [8] without a defense (the reference its defended runs are read against): attack success on D_p, mean ± sd over the attack rounds of the seeds' mean",
      "Krum: the proposed attack's success on D_p at the last round",
      "Norm clipping (M = 1): the proposed attack's success at the last round above model replacement [4]'s",
      "Norm clipping (M = 1): the proposed attack's success at the last round above model poisoning [8]'s",
      "Krum: the proposed attack's success at the last round above model replacement [4]'s",
      "Krum: the proposed attack's success at the last round above model poisoning [8]'s",
    ]);
    // Success 3/4 at round 3; Krum kept the attacker at round 3, not at round 2: half the attack rounds.
    expect(rows[0].verdict).toBe('not met (-15.0 points); test accuracy 90.0 ± 0.0%');
    expect(rows[2].ours?.mean).toBe(0.5);
    expect(rows[2].verdict).toBe('holds');
    // Over the attack rounds 2 and 3, not the last round's 20%: (1 + 0.2) / 2 and (0.1 + 0.9) / 2.
    expect(rows[3].ours?.mean).toBeCloseTo(0.6);
    expect(rows[3].verdict).toBe('planted (above 50% or not); test accuracy over the attack rounds 50.0 ± 56.6%');
    expect(rows[4].twin?.mean).toBe(0);
    // Clipping: 0.75 against model replacement's 0.75 (not above) and model poisoning's 0.
    expect(rows[5].verdict).toBe('does not hold (model replacement [4]: 75.0 ± 0.0%; its test accuracy 90.0 ± 0.0%)');
    expect(rows[6].verdict).toBe('holds (model poisoning [8]: 0.0 ± 0.0%; its test accuracy 80.0 ± 0.0%)');
    // Krum: 0.75 against model poisoning's 3/6 + 0.25 = 0.75, not above; model replacement's run is missing.
    expect(rows[7].verdict).toBe('not run');
    expect(rows[8].verdict).toBe('does not hold (model poisoning [8]: 75.0 ± 0.0%; its test accuracy 80.0 ± 0.0%)');
  });
});
