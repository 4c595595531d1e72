import type { Stat } from '../summary';
import { aboveTwin, atLeast, atMost, near, ordering, statedPct as pc, type ClaimRow } from './claims';
import type { ChenScale } from './chenOmniglot';
import type { Figure, Panel } from './figure';
import { afterAttackCurve, at, flatTwin, toSeries as series, type Results } from './results';
import { METRICS } from './chenMetrics';
import { fineTuneClaims, fineTuneFigures } from './chenFineTuneReport';

/** The series name of the attacker whose target sits at a random output of its episodes. */
const RANDOM_TARGET = 'random-output attacker';

function exp1Figure(r: Results, s: ChenScale, sc: 'a' | 'b' | 'c', fig: string): Figure {
  const id = `exp1-${sc}`;
  return {
    title: `${fig}: Experiment 1(${sc}), one-shot attack at round 1 (mean ± sd over seeds; dashed: benign twin)`,
    columns: 2,
    panels: METRICS.map(([m, title]): Panel => ({
      title, xLabel: 'Round', yLabel: '%', markX: { x: 1, label: 'attack' },
      series: [
        series('Exp. 1 (' + sc + ')', r.rounds(id, 'attacked', m)), series('Exp. 1 (' + sc + ')', r.rounds(id, 'twin', m), true),
        // (a) only: the same runs scored with the target on the N-th output (the shortcut).
        ...(sc === 'a' && m.startsWith('attack') ? [series('target on output N', r.rounds('exp1-a-last', 'attacked', m)), series('target on output N', r.rounds('exp1-a-last', 'twin', m), true)] : []),
        ...(s.randomTarget ? [series(RANDOM_TARGET, r.rounds(`${id}-random`, 'attacked', m)), series(RANDOM_TARGET, r.rounds(`${id}-random`, 'twin', m), true)] : []),
      ],
    })),
  };
}

/** Attack success right after the attack round against the attacker's training length. */
function lengthFigure(r: Results, s: ChenScale): Figure {
  const lengths = [...s.attackLengths, s.attackEpisodes].sort((a, b) => a - b);
  const study = (len: number) => (len === s.attackEpisodes ? 'exp1-a' : `length-${len}`);
  const curve = (m: string) => afterAttackCurve(r, lengths, study, m);
  const twin = (m: string) => flatTwin(r, lengths, 'exp1-a', m);
  const rt = s.randomTarget;
  const rtLengths = rt ? [...rt.lengths, rt.episodes].sort((a, b) => a - b) : [];
  const rtStudy = (len: number) => (len === rt?.episodes ? 'exp1-a-random' : `length-random-${len}`);
  const rtCurve = (m: string) => afterAttackCurve(r, rtLengths, rtStudy, m);
  return {
    title: 'Attack success after the attack round against the attacker\'s training length (episodes × 2 inner epochs)',
    panels: METRICS.slice(0, 2).map(([m, t]): Panel => ({
      title: t, xLabel: 'Attacker episodes', yLabel: '%',
      series: [
        series('paper\'s attacker (output N)', curve(m)),
        ...(rt ? [series(`${RANDOM_TARGET} (ε = ${rt.outerLr})`, rtCurve(m))] : []),
        series('benign twin', twin(m), true),
      ],
    })),
  };
}

/** Every figure of the reproduction, by file name. */
export function chenFigures(r: Results, s: ChenScale): Record<string, Figure> {
  return {
    fig3a: exp1Figure(r, s, 'a', 'Fig. 3a'), fig3b: exp1Figure(r, s, 'b', 'Fig. 3b'), fig3c: exp1Figure(r, s, 'c', 'Fig. 3c'),
    ...fineTuneFigures(r, s),
    length: lengthFigure(r, s),
  };
}

/** A scenario of Experiment 1 in the paper: attack success (training, validation) after the attack and at its last round (null: "degrades"). */
export type Exp1Paper = readonly [scenario: 'a' | 'b' | 'c', train: number, val: number, trainEnd: number | null, valEnd: number | null];

/** A second run of Experiment 1's studies (ids `exp1-<scenario><suffix>`), its rows prefixed by `label`. */
export interface Exp1Variant { suffix: string; label: string }

/** Experiment 1's rows (`figure` a/b/c), the same on both datasets; the paper's last round is `paperRounds`. */
export function exp1Claims(r: Results, lastRound: number, figure: string, paperRounds: number, paper: readonly Exp1Paper[], variant: Exp1Variant = { suffix: '', label: '' }): ClaimRow[] {
  const R = (id: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(id, series, m), x);
  const rows: ClaimRow[] = [];
  for (const [sc, tr, va, trEnd, vaEnd] of paper) {
    const id = `exp1-${sc}${variant.suffix}`, fig = `${figure}${sc}`;
    const row = (f: string, what: string, p: string, i: string, m: string, x: number | 'last', verdict: string) => rows.push({ figure: f, what: `${variant.label}${what}`, paper: p, ours: R(i, m, x), twin: R(i, m, x, 'twin'), verdict });
    row(fig, `Exp. 1(${sc}) attack success (training set) after the attack`, pc(tr), id, 'attackTrainSuccess', 1, near(R(id, 'attackTrainSuccess', 1), tr));
    row(fig, `Exp. 1(${sc}) attack success (validation) after the attack`, pc(va), id, 'attackValSuccess', 1, near(R(id, 'attackValSuccess', 1), va));
    if (trEnd != null && vaEnd != null) {
      row(fig, `Exp. 1(${sc}) attack success (training set) at the last round (ours: ${lastRound}; paper: ${paperRounds})`, pc(trEnd), id, 'attackTrainSuccess', 'last', near(R(id, 'attackTrainSuccess', 'last'), trEnd));
      row(fig, `Exp. 1(${sc}) attack success (validation) at the last round`, pc(vaEnd), id, 'attackValSuccess', 'last', near(R(id, 'attackValSuccess', 'last'), vaEnd));
    } else {
      const after = R(id, 'attackTrainSuccess', 1), end = R(id, 'attackTrainSuccess', 'last');
      row(fig, `Exp. 1(${sc}) attack success degrades noticeably after the attack`, 'degrades', id, 'attackTrainSuccess', 'last', ordering(after && end ? end.mean < after.mean - 0.05 : null, 'last round more than 5 points below the round after the attack'));
    }
  }
  return rows;
}

/** Experiment 1 on Omniglot (Fig. 3): attack success after the attack and at round 50. */
export const OMNIGLOT_EXP1: readonly Exp1Paper[] = [['a', 0.78, 0.77, 0.5, 0.5], ['b', 0.92, 0.83, 0.5, 0.5], ['c', 0.9, 0.62, null, null]];

/**
 * The rows that frame Experiment 1 of `study`: meta-testing accuracy before the attack (the paper:
 * > 99%), and the benign twin's attack success right after it against chance (1/N = 20%).
 */
export function exp1Frame(r: Results, study: string): { before: ClaimRow; twinAtChance: ClaimRow } {
  const R = (m: string, x: number, series: 'attacked' | 'twin') => at(r.rounds(study, series, m), x);
  const before = R('metaTestAccuracy', 0, 'attacked'), twinAfter = R('attackTrainSuccess', 1, 'twin');
  return {
    before: { figure: '§4', what: 'Meta-testing accuracy before the attack', paper: '> 99%', ours: before, twin: R('metaTestAccuracy', 0, 'twin'), verdict: atLeast(before, 0.99) },
    twinAtChance: {
      figure: '—', what: 'Benign twin\'s attack success after the attack round (chance: 1/N = 20%)', paper: '—', ours: twinAfter, twin: twinAfter,
      verdict: atMost(twinAfter, 0.2 + 0.1) === 'met' ? 'near chance (within 10 points)' : `above chance by ${twinAfter ? (100 * (twinAfter.mean - 0.2)).toFixed(1) : '–'} points`,
    },
  };
}

/** Each number the paper states for Omniglot, with ours and the twin's. */
export function chenClaims(r: Results, s: ChenScale): ClaimRow[] {
  const R = (id: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(id, series, m), x);
  const rows: ClaimRow[] = [];
  const row = (figure: string, what: string, paper: string, ours: Stat | null, twin: Stat | null, verdict: string) => rows.push({ figure, what, paper, ours, twin, verdict });
  const frame = exp1Frame(r, 'exp1-a');
  rows.push(frame.before);
  rows.push(...exp1Claims(r, s.exp1Rounds, 'Fig. 3', 50, OMNIGLOT_EXP1));
  const last1 = R('exp1-a-last', 'attackTrainSuccess', 1), lastEnd = R('exp1-a-last', 'attackTrainSuccess', 'last');
  row('Fig. 3a', 'Exp. 1(a) attack success (training set) after the attack, scored with the target on the N-th output, where the attacker puts it (the shortcut)', '78%', last1, R('exp1-a-last', 'attackTrainSuccess', 1, 'twin'), near(last1, 0.78));
  row('Fig. 3a', `Exp. 1(a) the same at the last round (ours: ${s.exp1Rounds}; paper: 50)`, '50%', lastEnd, R('exp1-a-last', 'attackTrainSuccess', 'last', 'twin'), near(lastEnd, 0.5));
  row('Fig. 3a', 'Exp. 1(a) meta-testing accuracy after the attack', '≥ 98%', R('exp1-a', 'metaTestAccuracy', 1), R('exp1-a', 'metaTestAccuracy', 1, 'twin'), atLeast(R('exp1-a', 'metaTestAccuracy', 1), 0.98));
  if (s.randomTarget) {
    // The same claims against an attacker whose target sits at a random output of its episodes.
    rows.push(...exp1Claims(r, s.exp1Rounds, 'Fig. 3', 50, OMNIGLOT_EXP1, { suffix: '-random', label: 'Attacker\'s target at a random output: ' }));
    for (const sc of ['a', 'b', 'c'] as const) {
      const id = `exp1-${sc}-random`, ours = R(id, 'attackTrainSuccess', 1), twin = R(id, 'attackTrainSuccess', 1, 'twin');
      row(`Fig. 3${sc}`, `Attacker's target at a random output: Exp. 1(${sc}) plants a backdoor, attack success after the attack more than 10 points above the benign twin's`, 'yes', ours, twin,
        aboveTwin(ours, twin));
    }
    const mtRandom = R('exp1-a-random', 'metaTestAccuracy', 1);
    row('Fig. 3a', 'Attacker\'s target at a random output: Exp. 1(a) meta-testing accuracy after the attack', '≥ 98%', mtRandom, R('exp1-a-random', 'metaTestAccuracy', 1, 'twin'), atLeast(mtRandom, 0.98));
  }
  rows.push(...fineTuneClaims(r, s));
  rows.push(frame.twinAtChance);
  return rows;
}
