import { mergeConfig, parseConfig } from '../../engine/config/parse';
import type { ConfigInput, ExperimentConfig } from '../../engine/config/schema';
import type { Stat } from '../summary';
import { atLeast, fmt, ordering, type ClaimRow } from './claims';
import type { Figure, Panel, Series } from './figure';
import { at, attackerKept, over, stealthOf, toSeries as series, type Line, type Results } from './results';
import type { Study, SeriesName } from './plan';

/**
 * Zhou et al.'s Fig. 6a, shared by zhou-mnist (η = 1) and zhou-mnist-table2 (η = 0.04): the
 * multi-shot attack against norm clipping (eq. 5) and Krum, beside model replacement.
 */
export interface ZhouDefenseScale {
  rounds: number;
  attackRound: number;
  /** M of norm clipping, run beside its benign twin and model replacement. */
  clipNorm: number;
  /**
   * Other bounds for the same multi-shot attack (the paper gives no M): attack success against M,
   * read beside the benign updates' norms, says how loose a bound the attack gets through.
   */
  clipCurve: number[];
  /** Krum against model replacement and model poisoning too (Fig. 6a's other lines), not only the proposed attack. */
  krumBaselines: boolean;
}

/** The study of the proposed attack against norm clipping with a bound M from the scale's curve. */
export const clipStudy = (m: number) => `clip-zhou-m${m}`;

/** Makes a study's config from the proposed attack's (or model replacement's) attack block and a federation patch. */
export type MakeConfig = (attack: Record<string, unknown>, extra?: ConfigInput) => ExperimentConfig;

/** A reproduction's MakeConfig: `base` with the attack block merged in, then the patch. */
export const configsFrom = (base: ConfigInput): MakeConfig => (attack, extra = {}) =>
  parseConfig(mergeConfig(mergeConfig(structuredClone(base), { attack }), extra));

/** The multi-shot attack blocks Fig. 6a compares: the proposed attack's, model replacement's ([4]) and Bhagoji et al.'s model poisoning ([8]). */
export interface DefenseAttacks { proposed: Record<string, unknown>; replacement: Record<string, unknown>; poisoning: Record<string, unknown> }

export const MODEL_POISONING_NOTE = 'Model poisoning (Bhagoji et al., the paper\'s [8]) under both defenses: alternating minimisation on the same D_p alone, the adversarial step boosted by λ = 1/α_m = n/η, ρ‖w − G^t‖ with ρ = ρ1 in the benign phase, the proposed attack\'s optimiser steps and alternations.';

/**
 * Fig. 6a's studies: each defense against the proposed attack (with its benign twin), model
 * replacement and model poisoning; and model poisoning undefended, which says whether a defense
 * stopped it (the other two run undefended in Fig. 4's studies).
 */
export function defenseStudies(s: ZhouDefenseScale, make: MakeConfig, a: DefenseAttacks): Study[] {
  const both: SeriesName[] = ['attacked', 'twin'];
  const clipAt = (maxNorm: number) => ({ federation: { aggregator: { kind: 'norm-clipping', maxNorm } } }) as ConfigInput;
  const krum = { federation: { aggregator: { kind: 'krum', f: 0 } } } as ConfigInput;
  return [
    { id: 'clip-zhou', title: 'MA_t against norm clipping, proposed', series: both, config: make(a.proposed, clipAt(s.clipNorm)) },
    { id: 'clip-replacement', title: 'MA_t against norm clipping, model replacement', series: ['attacked'], config: make(a.replacement, clipAt(s.clipNorm)) },
    { id: 'clip-bhagoji', title: 'MA_t against norm clipping, model poisoning [8]', series: ['attacked'], config: make(a.poisoning, clipAt(s.clipNorm)) },
    ...s.clipCurve.map((m): Study => ({ id: clipStudy(m), title: `MA_t against norm clipping with M = ${m}, proposed`, series: ['attacked'], config: make(a.proposed, clipAt(m)) })),
    { id: 'krum-zhou', title: 'MA_t against Krum, proposed', series: both, config: make(a.proposed, krum) },
    ...(s.krumBaselines ? [
      { id: 'krum-replacement', title: 'MA_t against Krum, model replacement', series: ['attacked'], config: make(a.replacement, krum) } satisfies Study,
      { id: 'krum-bhagoji', title: 'MA_t against Krum, model poisoning [8]', series: ['attacked'], config: make(a.poisoning, krum) } satisfies Study,
    ] : []),
    { id: 'ma-bhagoji', title: 'MA_t undefended, model poisoning [8]', series: ['attacked'], config: make(a.poisoning) },
  ];
}

/** Whether the scale runs model replacement and model poisoning under defense `d` (always under clipping). */
const baselinesUnder = (s: ZhouDefenseScale, d: 'clip' | 'krum'): boolean => d === 'clip' || s.krumBaselines;

/** Fig. 6a: attack success by round, one panel per defense; `title` says at which setting. */
export function fig6a(r: Results, s: ZhouDefenseScale, title: string): Figure {
  const success = (id: string, twin = false) => r.rounds(id, twin ? 'twin' : 'attacked', 'attackTrainSuccess');
  /** One defense's panel: the proposed attack beside its twin and model replacement; `label` names the defense's setting. */
  const defense = (d: 'clip' | 'krum', name: string, label: string, more: Series[] = []): Panel => ({
    title: name, xLabel: 'Round', yLabel: 'Attack success on D_p (%)', markX: { x: s.attackRound, label: 'first attack' },
    series: [
      series(`proposed${label}`, success(`${d}-zhou`)), series('proposed', success(`${d}-zhou`, true), true),
      ...(baselinesUnder(s, d) ? [series(`model replacement [4]${label}`, success(`${d}-replacement`)), series(`model poisoning [8]${label}`, success(`${d}-bhagoji`))] : []), ...more,
    ],
  });
  return {
    title, columns: 2,
    panels: [
      defense('clip', 'Norm clipping', `, M = ${s.clipNorm}`, s.clipCurve.map((m) => series(`proposed, M = ${m}`, success(clipStudy(m))))),
      defense('krum', 'Krum', ''),
    ],
  };
}

/** The largest norm among a round's benign updates (the stealth panel's record), null where not recorded. */
const largestBenignNorm = (l: Line): number | null => {
  const norms = (stealthOf(l)?.updates ?? []).filter((u) => !u.malicious).map((u) => u.norm);
  return norms.length ? Math.max(...norms) : null;
};

/**
 * Fig. 6a's statements. Each M is read against the norms of the benign updates it clips alongside
 * the attack's: `benignRun`'s (a run without the attack, undefended) in the attack rounds, each
 * round's largest, mean over seeds; the first rounds' are larger.
 */
export function defenseClaims(r: Results, s: ZhouDefenseScale, benignRun: { id: string; series: SeriesName }): ClaimRow[] {
  const R = (id: string, m: string, series: SeriesName = 'attacked'): Stat | null => at(r.rounds(id, series, m), 'last');
  const benign = r.rounds(benignRun.id, benignRun.series, largestBenignNorm).filter((p) => p.x >= s.attackRound);
  const largest = benign.length ? Math.max(...benign.map((p) => p.s.mean)) : null;
  const bound = (m: number) => `M = ${m}${largest ? `, ${(m / largest).toFixed(1)}× the largest benign update norm of the attack rounds (${largest.toFixed(2)})` : ''}`;
  const rows: ClaimRow[] = [];
  // Each bound's verdict carries its test accuracy: a bypass that cost the main task would not be one.
  // Only the scale's M runs a benign twin.
  for (const [id, m] of [['clip-zhou', s.clipNorm] as const, ...s.clipCurve.map((m) => [clipStudy(m), m] as const)]) {
    rows.push({
      figure: 'Fig. 6a', what: `Norm clipping bypassed (${bound(m)}): attack success on D_p at the last round`, paper: '> 90%',
      ours: R(id, 'attackTrainSuccess'), twin: id === 'clip-zhou' ? R(id, 'attackTrainSuccess', 'twin') : null,
      verdict: `${atLeast(R(id, 'attackTrainSuccess'), 0.9)}; test accuracy ${fmt(R(id, 'testAccuracy'))}`,
    });
  }
  const kept = r.rounds('krum-zhou', 'attacked', attackerKept);
  const share = over(kept);
  rows.push({
    figure: 'Fig. 6a', what: 'Krum keeps the attacker\'s update in some attack rounds, not all (share of attack rounds kept)', paper: 'some rounds rejected', ours: share, twin: null,
    verdict: share == null ? 'not run' : share.mean > 0 && share.mean < 1 ? 'holds' : share.mean === 0 ? 'does not hold (rejected every round)' : 'does not hold (never rejected)',
  });
  return rows;
}

/**
 * Fig. 6a read further: the proposed attack's success under Krum ("when the poisoning model is not
 * selected by Krum, the adversary can still maintain high accuracy for adversarial task") and, under
 * each defense, against the figure's other lines: model replacement [4] and model poisoning [8]
 * ("better performance than other competing approaches [4,8]").
 */
export function defenseComparisons(r: Results, s: ZhouDefenseScale): ClaimRow[] {
  const R = (id: string, m: string, series: SeriesName = 'attacked'): Stat | null => at(r.rounds(id, series, m), 'last');
  const krum = R('krum-zhou', 'attackTrainSuccess');
  // Undefended, [8] can swing between rounds (every digit to 7, then a benign round undoes it): read over the attack rounds.
  const overAttacks = (m: string) => over(r.rounds('ma-bhagoji', 'attacked', m), s.attackRound);
  const free = overAttacks('attackTrainSuccess');
  const rows: ClaimRow[] = [
    {
      figure: 'Fig. 6a', what: 'Model poisoning [8] without a defense (the reference its defended runs are read against): attack success on D_p, mean ± sd over the attack rounds of the seeds\' mean', paper: '— (not shown)', ours: free, twin: null,
      verdict: free ? `${free.mean > 0.5 ? 'planted' : 'not planted'} (above 50% or not); test accuracy over the attack rounds ${fmt(overAttacks('testAccuracy'))}` : 'not run',
    },
    { figure: 'Fig. 6a', what: 'Krum: the proposed attack\'s success on D_p at the last round', paper: 'high', ours: krum, twin: R('krum-zhou', 'attackTrainSuccess', 'twin'), verdict: `${atLeast(krum, 0.9)}; test accuracy ${fmt(R('krum-zhou', 'testAccuracy'))}` },
  ];
  for (const [d, defense] of [['clip', `Norm clipping (M = ${s.clipNorm})`], ['krum', 'Krum']] as const) {
    if (!baselinesUnder(s, d)) continue;
    const ours = R(`${d}-zhou`, 'attackTrainSuccess'), twin = R(`${d}-zhou`, 'attackTrainSuccess', 'twin');
    for (const [other, name] of [['replacement', 'model replacement [4]'], ['bhagoji', 'model poisoning [8]']] as const) {
      const theirs = R(`${d}-${other}`, 'attackTrainSuccess');
      rows.push({
        figure: 'Fig. 6a', what: `${defense}: the proposed attack's success at the last round above ${name}'s`, paper: 'higher', ours, twin,
        verdict: ordering(ours && theirs ? ours.mean > theirs.mean : null, `${name}: ${fmt(theirs)}; its test accuracy ${fmt(R(`${d}-${other}`, 'testAccuracy'))}`),
      });
    }
  }
  return rows;
}
