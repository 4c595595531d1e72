import { atLeast, atMost, ordering, type ClaimRow } from './claims';
import { METRICS, OMNIGLOT_EXP1, exp1Claims } from './chenReport';
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
  const first = id(s.scenarios[0]);
  row('§4', 'Meta-testing accuracy before the attack', '> 99%', R(first, 'metaTestAccuracy', 0), R(first, 'metaTestAccuracy', 0, 'twin'), atLeast(R(first, 'metaTestAccuracy', 0), 0.99));
  rows.push(...exp1Claims(r, s.rounds, 'Fig. 3', 50, OMNIGLOT_EXP1.filter(([sc]) => s.scenarios.includes(sc)), { suffix: '-random', label: LABEL }));
  const pts = (v: number) => (100 * v).toFixed(1);
  for (const sc of s.scenarios) {
    const i = id(sc);
    for (const [when, x, paper] of [['after the attack', 1, 'yes'], [`at the last round (ours: ${s.rounds}; paper: 50)`, 'last', sc === 'c' ? 'not stated' : 'yes (50% against 1/N = 20%)']] as const) {
      const ours = R(i, 'attackTrainSuccess', x), twin = R(i, 'attackTrainSuccess', x, 'twin');
      row(`Fig. 3${sc}`, `${LABEL}Exp. 1(${sc}) attack success (training set) ${when} more than 10 points above the benign twin's`, paper, ours, twin,
        ordering(ours && twin ? ours.mean > twin.mean + 0.1 : null, `${ours && twin ? pts(ours.mean - twin.mean) : '–'} points above the twin`));
    }
    // The paper states meta-testing accuracy right after the attack (≥ 98%, Exp. 1(a)); the last round is ours, for the record.
    const mt = R(i, 'metaTestAccuracy', 1), mtEnd = R(i, 'metaTestAccuracy', 'last'), mtTwin = R(i, 'metaTestAccuracy', 'last', 'twin');
    row(`Fig. 3${sc}`, `${LABEL}Exp. 1(${sc}) meta-testing accuracy after the attack`, '≥ 98%', mt, R(i, 'metaTestAccuracy', 1, 'twin'), atLeast(mt, 0.98));
    row(`Fig. 3${sc}`, `${LABEL}Exp. 1(${sc}) meta-testing accuracy at the last round, against the twin's`, 'not stated', mtEnd, mtTwin,
      ordering(mtEnd && mtTwin ? mtEnd.mean >= mtTwin.mean - 0.05 : null, 'no more than 5 points below the twin'));
  }
  const twinAfter = R(first, 'attackTrainSuccess', 1, 'twin');
  row('—', 'Benign twin\'s attack success after the attack round (chance: 1/N = 20%)', '—', twinAfter, twinAfter, atMost(twinAfter, 0.3) === 'met' ? 'near chance (within 10 points)' : `above chance by ${twinAfter ? pts(twinAfter.mean - 0.2) : '–'} points`);
  return rows;
}
