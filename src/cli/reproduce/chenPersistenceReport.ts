import { aboveTwin, atLeast, ordering, type ClaimRow } from './claims';
import { METRICS } from './chenMetrics';
import { OMNIGLOT_EXP1, exp1Claims, exp1Frame } from './chenReport';
import type { PersistenceScale } from './chenPersistence';
import type { Figure, Panel } from './figure';
import { at, toSeries as series, type Results } from './results';

const LABEL = 'Attacker\'s target at a random output: ';
const id = (sc: string) => `exp1-${sc}-random`;

/** Fig. 3 at the paper's length: each scenario's four metrics over the rounds, beside its benign twin. */
export function persistenceFigures(r: Results, s: PersistenceScale): Record<string, Figure> {
  return {
    fig3: {
      title: `Fig. 3: Experiment 1, one-shot attack at round 1 and ${s.rounds - 1} benign rounds, the random-output attacker (mean ± sd over seeds; dashed: benign twin)`,
      columns: 2,
      panels: METRICS.map(([m, title]): Panel => ({
        title, xLabel: 'Round', yLabel: '%', markX: { x: 1, label: 'attack' },
        series: s.scenarios.flatMap((sc) => [series(`Exp. 1(${sc})`, r.rounds(id(sc), 'attacked', m)), series(`Exp. 1(${sc})`, r.rounds(id(sc), 'twin', m), true)]),
      })),
    },
  };
}

/** The paper's Fig. 3 numbers over its 50 rounds, and whether the backdoor outlasts them against the twin. */
export function persistenceClaims(r: Results, s: PersistenceScale): ClaimRow[] {
  const R = (i: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(i, series, m), x);
  const rows: ClaimRow[] = [];
  const row = (figure: string, what: string, paper: string, ours: ClaimRow['ours'], twin: ClaimRow['twin'], verdict: string) => rows.push({ figure, what, paper, ours, twin, verdict });
  const frame = exp1Frame(r, id(s.scenarios[0]));
  rows.push(frame.before);
  rows.push(...exp1Claims(r, s.rounds, 'Fig. 3', 50, OMNIGLOT_EXP1.filter(([sc]) => s.scenarios.includes(sc)), { suffix: '-random', label: LABEL }));
  for (const sc of s.scenarios) {
    const i = id(sc);
    rows.push(...aboveTwinRows(r, i, sc, LABEL, s.rounds));
    // The paper states meta-testing accuracy right after the attack (≥ 98%, Exp. 1(a)); the last round is ours, for the record.
    const mt = R(i, 'metaTestAccuracy', 1), mtEnd = R(i, 'metaTestAccuracy', 'last'), mtTwin = R(i, 'metaTestAccuracy', 'last', 'twin');
    row(`Fig. 3${sc}`, `${LABEL}Exp. 1(${sc}) meta-testing accuracy after the attack`, '≥ 98%', mt, R(i, 'metaTestAccuracy', 1, 'twin'), atLeast(mt, 0.98));
    row(`Fig. 3${sc}`, `${LABEL}Exp. 1(${sc}) meta-testing accuracy at the last round, against the twin's`, 'not stated', mtEnd, mtTwin,
      ordering(mtEnd && mtTwin ? mtEnd.mean >= mtTwin.mean - 0.05 : null, 'no more than 5 points below the twin'));
  }
  rows.push(frame.twinAtChance);
  return rows;
}

/** Whether study `i` of scenario `sc` holds attack success more than 10 points above its twin's, right after the attack and at the last round. */
export function aboveTwinRows(r: Results, i: string, sc: 'a' | 'b' | 'c', label: string, rounds: number): ClaimRow[] {
  return ([['after the attack', 1, 'yes'], [`at the last round (ours: ${rounds}; paper: 50)`, 'last', sc === 'c' ? 'not stated' : 'yes (50% against 1/N = 20%)']] as const).map(([when, x, paper]) => {
    const ours = at(r.rounds(i, 'attacked', 'attackTrainSuccess'), x), twin = at(r.rounds(i, 'twin', 'attackTrainSuccess'), x);
    return {
      figure: `Fig. 3${sc}`, what: `${label}Exp. 1(${sc}) attack success (training set) ${when} more than 10 points above the benign twin's`, paper, ours, twin,
      verdict: aboveTwin(ours, twin),
    };
  });
}
