import type { Stat } from '../summary';
import { atLeast, meanPct, near, ordering, type ClaimRow } from './claims';
import type { Figure } from './figure';
import { at, type Results } from './results';
import { defenseClaims, defenseComparisons, fig6a } from './zhouDefenses';
import { READINGS, studyId, type ZhouTable2Scale } from './zhouTable2';
import { figure } from './zhouReport';

const NAMES: Record<string, string> = { fg: 'from G^t', pm: 'phase moves' };

/** Figs. 4 and 5 at Table 2's η: each reading of eq. 4 and model replacement, the benign run dashed. */
export function zhouTable2Figures(r: Results, s: ZhouTable2Scale): Record<string, Figure> {
  const runs = (shots: 'sa' | 'ma') => [
    ...READINGS.map(([, who]) => ({ id: studyId(shots, who), name: `proposed, ${NAMES[who]}`, twin: shots === 'sa' && who === 'fg' })),
    { id: studyId(shots, 'replacement'), name: 'model replacement [4]' },
  ];
  return {
    fig4: figure(r, s, 'Fig. 4 at Table 2\'s η = 0.04: multi-shot attack MA_t on MNIST from a converged model (mean ± sd over seeds; dashed: benign twin)', runs('ma')),
    fig5: figure(r, s, 'Fig. 5 at Table 2\'s η = 0.04: single-shot attack SA_t on MNIST from a converged model: persistence', runs('sa')),
    fig6a: fig6a(r, s, 'Fig. 6a at Table 2\'s η = 0.04: attack success on D_p against norm clipping and Krum (MA_t, proposed read from G^t; dashed: benign twin)'),
  };
}

/** Figs. 4 and 5's statements, for each reading of eq. 4, against model replacement and the benign run (the SA_t study's twin). */
export function zhouTable2Claims(r: Results, s: ZhouTable2Scale): ClaimRow[] {
  const R = (id: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(id, series, m), x);
  const twin = (m: string, x: number | 'last') => R(studyId('sa', 'fg'), m, x, 'twin');
  const rows: ClaimRow[] = [];
  const row = (figure: string, what: string, paper: string, ours: Stat | null, benign: Stat | null, verdict: string) => rows.push({ figure, what, paper, ours, twin: benign, verdict });
  const after = s.rounds - s.attackRound, half = s.attackRound + Math.ceil(after / 2);
  const replaced = studyId('sa', 'replacement');
  const saR = R(replaced, 'attackTrainSuccess', 'last'), saRa = R(replaced, 'testAccuracy', s.attackRound);
  for (const [, who] of READINGS) {
    const by = ` (${NAMES[who]})`;
    const ma = studyId('ma', who), sa = studyId('sa', who);
    const maSucc = R(ma, 'attackTrainSuccess', 'last');
    row('Fig. 4', `MA_t${by}: attack success on D_p at the last round (${s.rounds})`, '> 90%', maSucc, twin('attackTrainSuccess', 'last'), atLeast(maSucc, 0.9));
    const maAcc = R(ma, 'testAccuracy', 'last'), benignAcc = twin('testAccuracy', 'last');
    row('Fig. 4', `MA_t${by}: main-task accuracy at the last round kept (against the benign run)`, 'not degraded', maAcc, benignAcc, benignAcc ? near(maAcc, benignAcc.mean) : 'not run');
    const saLast = R(sa, 'attackTrainSuccess', 'last'), benignLast = twin('attackTrainSuccess', 'last');
    row('Fig. 5', `SA_t${by}: attack success at the last round (${after} round${after === 1 ? '' : 's'} after the attack) more than 10 points above the benign run's`, 'high "over a long period"', saLast, benignLast,
      ordering(saLast && benignLast ? saLast.mean > benignLast.mean + 0.1 : null, 'the backdoor persists'));
    // "Falls down slowly": halfway between the attack and the last round, then at the last round.
    const saHalf = R(sa, 'attackTrainSuccess', half), saRHalf = R(replaced, 'attackTrainSuccess', half);
    row('Fig. 5', `SA_t${by}: attack success halfway (round ${half}, ${half - s.attackRound} round${half - s.attackRound === 1 ? '' : 's'} after the attack) above model replacement's`, 'higher', saHalf, twin('attackTrainSuccess', half),
      ordering(saHalf && saRHalf ? saHalf.mean > saRHalf.mean : null, `model replacement: ${meanPct(saRHalf)}`));
    row('Fig. 5', `SA_t${by}: attack success at the last round above model replacement's`, 'higher', saLast, benignLast, ordering(saLast && saR ? saLast.mean > saR.mean : null, `model replacement: ${meanPct(saR)}`));
    const saAcc = R(sa, 'testAccuracy', s.attackRound);
    row('Fig. 5', `SA_t${by}: main-task accuracy right after the attack above model replacement's`, 'higher', saAcc, twin('testAccuracy', s.attackRound), ordering(saAcc && saRa ? saAcc.mean > saRa.mean : null, `model replacement: ${meanPct(saRa)}`));
  }
  // "the attack success rate drop dramatically for [4]'s methods"
  const saR0 = R(replaced, 'attackTrainSuccess', s.attackRound);
  row('Fig. 5', `SA_t, model replacement: attack success drops after the attack (last round more than 10 points below round ${s.attackRound})`, 'drops "dramatically"', saR, twin('attackTrainSuccess', 'last'),
    ordering(saR && saR0 ? saR.mean < saR0.mean - 0.1 : null, `round ${s.attackRound}: ${meanPct(saR0)}`));
  const b = twin('attackTrainSuccess', 'last');
  row('—', 'Benign run\'s attack success on D_p at the last round (a benign model sends few keyed 5s to 7)', '—', b, b, b == null ? 'not run' : b.mean <= 0.1 ? 'near 0% (at most 10%)' : 'above 10%');
  return [...rows, ...defenseClaims(r, s, { id: studyId('sa', 'fg'), series: 'twin' }), ...defenseComparisons(r, s)];
}
