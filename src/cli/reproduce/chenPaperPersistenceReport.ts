import { atLeast, ordering, type ClaimRow } from './claims';
import { METRICS } from './chenMetrics';
import { PLACEMENTS, type PaperPersistenceScale } from './chenPaperPersistence';
import { aboveTwinRows } from './chenPersistenceReport';
import { OMNIGLOT_EXP1, exp1Claims, exp1Frame } from './chenReport';
import type { Figure, Panel } from './figure';
import { at, toSeries as series, type Results } from './results';

const SHORTCUT = 'Scored on the N-th output (the shortcut): ';
const NAMES = { random: 'scored at a random output', last: 'scored on output N' } as const;

/** Fig. 3a at the paper's length: the paper's attacker scored both ways, each beside its benign twin. */
export function paperPersistenceFigures(r: Results, s: PaperPersistenceScale): Record<string, Figure> {
  return {
    fig3a: {
      title: `Fig. 3a: Experiment 1(a), the paper's attacker at round 1 and ${s.rounds - 1} benign rounds, scored at a random output and on output N (mean ± sd over seeds; dashed: benign twin)`,
      columns: 2,
      panels: METRICS.map(([m, title]): Panel => ({
        title, xLabel: 'Round', yLabel: '%', markX: { x: 1, label: 'attack' },
        series: PLACEMENTS.flatMap(({ placement, id }) => [series(NAMES[placement], r.rounds(id, 'attacked', m)), series(NAMES[placement], r.rounds(id, 'twin', m), true)]),
      })),
    },
  };
}

/** The paper's Fig. 3a numbers for its own attacker over its 50 rounds, under each placement. */
export function paperPersistenceClaims(r: Results, s: PaperPersistenceScale): ClaimRow[] {
  const R = (i: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(i, series, m), x);
  const frame = exp1Frame(r, 'exp1-a');
  const rows: ClaimRow[] = [frame.before];
  for (const [suffix, label] of [['', ''], ['-last', SHORTCUT]] as const) {
    rows.push(...exp1Claims(r, s.rounds, 'Fig. 3', 50, [OMNIGLOT_EXP1[0]], { suffix, label }));
    rows.push(...aboveTwinRows(r, `exp1-a${suffix}`, 'a', label, s.rounds));
  }
  // The paper's curve falls from 78% to 50% over the 50 rounds: does the shortcut's?
  const after = R('exp1-a-last', 'attackTrainSuccess', 1), end = R('exp1-a-last', 'attackTrainSuccess', 'last');
  rows.push({
    figure: 'Fig. 3a', what: `${SHORTCUT}Exp. 1(a) attack success (training set) falls more than 10 points between the attack and the last round`, paper: 'yes (78% to 50%)',
    ours: end, twin: R('exp1-a-last', 'attackTrainSuccess', 'last', 'twin'),
    verdict: ordering(after && end ? end.mean < after.mean - 0.1 : null, `after the attack: ${after ? (100 * after.mean).toFixed(1) : '–'}%`),
  });
  const mt = R('exp1-a', 'metaTestAccuracy', 1);
  rows.push({ figure: 'Fig. 3a', what: 'Exp. 1(a) meta-testing accuracy after the attack', paper: '≥ 98%', ours: mt, twin: R('exp1-a', 'metaTestAccuracy', 1, 'twin'), verdict: atLeast(mt, 0.98) });
  rows.push(frame.twinAtChance);
  return rows;
}
