import { aboveTwin, atLeast, meanPct, ordering, statedPct, type ClaimRow } from './claims';
import { METRICS } from './chenMetrics';
import { lengthStudy, paperRuns, paperStudyId, type PaperPersistenceScale } from './chenPaperPersistence';
import { aboveTwinRows } from './chenPersistenceReport';
import { OMNIGLOT_EXP1, exp1Claims, exp1Frame } from './chenReport';
import type { Figure, Panel } from './figure';
import { afterAttackCurve, at, flatTwin, toSeries as series, type Results } from './results';

const SHORTCUT = 'Scored on the N-th output (the shortcut): ';
const NAMES = { random: 'at a random output', last: 'on output N' } as const;

/** Fig. 3 at the paper's length: the paper's attacker in each scenario and placement, each beside its benign twin. */
export function paperPersistenceFigures(r: Results, s: PaperPersistenceScale): Record<string, Figure> {
  const scenarios = ['a', ...s.scenarios].join(', ');
  return {
    fig3: {
      title: `Fig. 3: Experiment 1(${scenarios}), the paper's attacker at round 1 and ${s.rounds - 1} benign rounds, (a) scored at a random output and on output N${s.scenarios.length ? `, (${s.scenarios.join('), (')}) on output N` : ''} (mean ± sd over seeds; dashed: benign twin)`,
      columns: 2,
      panels: METRICS.map(([m, title]): Panel => ({
        title, xLabel: 'Round', yLabel: '%', markX: { x: 1, label: 'attack' },
        series: paperRuns(s).flatMap(([sc, { placement: p }]) => {
          const id = paperStudyId(sc, p), name = `Exp. 1(${sc}) ${NAMES[p]}`;
          return [series(name, r.rounds(id, 'attacked', m)), series(name, r.rounds(id, 'twin', m), true)];
        }),
      })),
    },
    ...(s.lengths.length ? { length: lengthFigure(r, s) } : {}),
  };
}

/** (a)'s attack success right after the attack, scored at a random output, against the attacker's training length; exp1-a gives the first point and the twin. */
function lengthFigure(r: Results, s: PaperPersistenceScale): Figure {
  const lengths = [s.attackEpisodes, ...s.lengths];
  const study = (len: number) => (len === s.attackEpisodes ? 'exp1-a' : lengthStudy(len));
  const curve = (m: string) => afterAttackCurve(r, lengths, study, m);
  const twin = (m: string) => flatTwin(r, lengths, 'exp1-a', m);
  return {
    title: 'The paper\'s attacker: Exp. 1(a) attack success right after the attack, scored at a random output, against its training length (episodes × 2 inner epochs; mean ± sd over seeds; dashed: benign twin)',
    panels: METRICS.slice(0, 2).map(([m, t]): Panel => ({
      title: t, xLabel: 'Attacker episodes', yLabel: '%',
      series: [series('paper\'s attacker', curve(m)), series('benign twin', twin(m), true)],
    })),
  };
}

/** The paper's Fig. 3 numbers for its own attacker over its 50 rounds: (a) under each placement, (b) and (c) on output N. */
export function paperPersistenceClaims(r: Results, s: PaperPersistenceScale): ClaimRow[] {
  const R = (i: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(i, series, m), x);
  const frame = exp1Frame(r, 'exp1-a');
  const rows: ClaimRow[] = [frame.before];
  for (const [suffix, label] of [['', ''], ['-last', SHORTCUT]] as const) {
    rows.push(...exp1Claims(r, s.rounds, 'Fig. 3', 50, [OMNIGLOT_EXP1[0]], { suffix, label }));
    rows.push(...aboveTwinRows(r, `exp1-a${suffix}`, 'a', label, s.rounds));
  }
  // Scenarios (b) and (c) on output N, where the paper's Fig. 3b and 3c can be set against them.
  for (const sc of s.scenarios) {
    rows.push(...exp1Claims(r, s.rounds, 'Fig. 3', 50, OMNIGLOT_EXP1.filter(([p]) => p === sc), { suffix: '-last', label: SHORTCUT }));
    rows.push(...aboveTwinRows(r, paperStudyId(sc, 'last'), sc, SHORTCUT, s.rounds));
  }
  // The paper's curves fall to 50% over the 50 rounds where it states their end, (a) and (b): do the shortcut's?
  const scored = ['a', ...s.scenarios];
  for (const [sc, tr, , trEnd] of OMNIGLOT_EXP1.filter(([sc, , , end]) => end != null && scored.includes(sc))) {
    const id = paperStudyId(sc, 'last');
    const after = R(id, 'attackTrainSuccess', 1), end = R(id, 'attackTrainSuccess', 'last');
    rows.push({
      figure: `Fig. 3${sc}`, what: `${SHORTCUT}Exp. 1(${sc}) attack success (training set) falls more than 10 points between the attack and the last round`, paper: `yes (${statedPct(tr)} to ${statedPct(trEnd!)})`,
      ours: end, twin: R(id, 'attackTrainSuccess', 'last', 'twin'),
      verdict: ordering(after && end ? end.mean < after.mean - 0.1 : null, `after the attack: ${meanPct(after)}`),
    });
  }
  // Trained longer, does the paper's attacker plant anything that scores at a random output?
  const twinAfter = R('exp1-a', 'attackTrainSuccess', 1, 'twin');
  for (const len of s.lengths) {
    const ours = R(lengthStudy(len), 'attackTrainSuccess', 1);
    rows.push({
      figure: 'Fig. 3a', what: `Exp. 1(a) with the paper's attacker trained on ${len} episodes (${len / s.attackEpisodes}× the rows above): attack success (training set) after the attack more than 10 points above the benign twin's`, paper: 'yes (78%, after 50000 episodes × 50 inner epochs)',
      ours, twin: twinAfter,
      verdict: aboveTwin(ours, twinAfter),
    });
  }
  const mt = R('exp1-a', 'metaTestAccuracy', 1);
  rows.push({ figure: 'Fig. 3a', what: 'Exp. 1(a) meta-testing accuracy after the attack', paper: '≥ 98%', ours: mt, twin: R('exp1-a', 'metaTestAccuracy', 1, 'twin'), verdict: atLeast(mt, 0.98) });
  rows.push(frame.twinAtChance);
  return rows;
}
