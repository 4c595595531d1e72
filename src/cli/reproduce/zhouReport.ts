import type { Stat } from '../summary';
import { atLeast, meanPct, near, ordering, type ClaimRow } from './claims';
import type { Figure, Panel } from './figure';
import { at, toSeries as series, type Results } from './results';
import { defenseClaims, defenseComparisons, fig6a } from './zhouDefenses';
import type { ZhouScale } from './zhouMnist';

const PANELS = [['testAccuracy', 'Test accuracy, main task (%)'], ['attackTrainSuccess', 'Attack success on D_p (%)'], ['attackValSuccess', 'Attack success, held-out keyed images (%)']] as const;

/** Zhou's three panels (test accuracy, attack success on D_p and on held-out keyed images) by round, one line per run. */
export function figure(r: Results, s: { attackRound: number }, title: string, runs: { id: string; name: string; twin?: boolean }[]): Figure {
  return {
    title, columns: 3,
    panels: PANELS.map(([m, t]): Panel => ({
      title: t, xLabel: 'Round', yLabel: '%', markX: { x: s.attackRound, label: 'first attack' },
      series: runs.flatMap((run) => [series(run.name, r.rounds(run.id, 'attacked', m)), ...(run.twin ? [series(run.name, r.rounds(run.id, 'twin', m), true)] : [])]),
    })),
  };
}

/** The from-G^t study's line, where the scale runs that reading. */
const fromGlobal = (s: ZhouScale, id: string) => (s.fromGlobal ? [{ id, name: 'proposed, from G^t' }] : []);

export function zhouFigures(r: Results, s: ZhouScale): Record<string, Figure> {
  return {
    fig4: figure(r, s, 'Fig. 4: multi-shot attack MA_t on MNIST (mean ± sd over seeds; dashed: benign twin)', [
      { id: 'ma-zhou', name: 'proposed', twin: true }, ...fromGlobal(s, 'ma-zhou-fg'), { id: 'ma-zhou-rho0', name: 'proposed, ρ2 = 0' },
      { id: 'ma-zhou-dp-only', name: 'proposed, D_p alone' }, { id: 'ma-replacement', name: 'model replacement [4]' }]),
    fig5: figure(r, s, 'Fig. 5: single-shot attack SA_t on MNIST: persistence (mean ± sd over seeds; dashed: benign twin)', [
      { id: 'sa-zhou', name: 'proposed', twin: true }, ...fromGlobal(s, 'sa-zhou-fg'), { id: 'sa-replacement', name: 'model replacement [4]' }]),
    fig6a: fig6a(r, s, 'Fig. 6a: attack success on D_p against norm clipping and Krum (MA_t, MNIST; dashed: benign twin)'),
  };
}

/**
 * Eq. 4's two readings, each with its MA_t and SA_t studies: phase moves (every other study's) and
 * from G^t. A reading's twin is the phase-moves study's: the same seed without the attack.
 */
const READINGS = [{ ma: 'ma-zhou', sa: 'sa-zhou', by: '' }, { ma: 'ma-zhou-fg', sa: 'sa-zhou-fg', by: ' (from G^t)' }] as const;

export function zhouClaims(r: Results, s: ZhouScale): ClaimRow[] {
  const R = (id: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(id, series, m), x);
  const rows: ClaimRow[] = [];
  const row = (figure: string, what: string, paper: string, ours: Stat | null, twin: Stat | null, verdict: string) => rows.push({ figure, what, paper, ours, twin, verdict });
  const twinAcc = R('ma-zhou', 'testAccuracy', 'last', 'twin');
  const maAccOf = (id: string) => R(id, 'testAccuracy', 'last');
  const readings = READINGS.filter(({ by }) => s.fromGlobal || !by);
  for (const { ma, by } of readings) {
    const maSucc = R(ma, 'attackTrainSuccess', 'last');
    row('Fig. 4', `MA_t${by}: attack success on D_p at the last round (${s.rounds})`, '> 90%', maSucc, R('ma-zhou', 'attackTrainSuccess', 'last', 'twin'), atLeast(maSucc, 0.9));
    row('Fig. 4', `MA_t${by}: main-task accuracy kept (against the benign twin)`, 'not degraded', maAccOf(ma), twinAcc, twinAcc ? near(maAccOf(ma), twinAcc.mean) : 'not run');
  }
  const maAcc = maAccOf('ma-zhou'), rho0 = maAccOf('ma-zhou-rho0');
  row('Fig. 4', 'MA_t: ρ2 = 0 raises main-task accuracy', 'higher', rho0, twinAcc, ordering(rho0 && maAcc ? rho0.mean > maAcc.mean : null, `ρ2 = 1: ${meanPct(maAcc)}`));
  const dpOnly = maAccOf('ma-zhou-dp-only');
  row('Fig. 2', 'MA_t: main-task accuracy at the last round when the adversarial phase trains on D_p alone (eq. 3 read literally) is below the proposed attack\'s (mini-batches of D_m and D_p)', 'not stated', dpOnly, twinAcc, ordering(dpOnly && maAcc ? maAcc.mean > dpOnly.mean : null, `with D_m mini-batches: ${meanPct(maAcc)}`));
  // "Falls down slowly" against "drop dramatically": one round after the attack, then at the last round.
  const next = s.attackRound + 1;
  const saR1 = R('sa-replacement', 'attackTrainSuccess', next), saR = R('sa-replacement', 'attackTrainSuccess', 'last'), saRa = R('sa-replacement', 'testAccuracy', s.attackRound);
  for (const { sa, by } of readings) {
    const saZ1 = R(sa, 'attackTrainSuccess', next);
    row('Fig. 5', `SA_t${by}: attack success one round after the attack (round ${next}) above model replacement's`, 'higher', saZ1, R('sa-zhou', 'attackTrainSuccess', next, 'twin'), ordering(saZ1 && saR1 ? saZ1.mean > saR1.mean : null, `model replacement: ${meanPct(saR1)}`));
    const saZ = R(sa, 'attackTrainSuccess', 'last');
    row('Fig. 5', `SA_t${by}: attack success at the last round (${s.rounds - s.attackRound} rounds after the attack) above model replacement's`, 'higher', saZ, R('sa-zhou', 'attackTrainSuccess', 'last', 'twin'), ordering(saZ && saR ? saZ.mean > saR.mean : null, `model replacement: ${meanPct(saR)}`));
    const saZa = R(sa, 'testAccuracy', s.attackRound);
    row('Fig. 5', `SA_t${by}: main-task accuracy right after the attack above model replacement's`, 'higher', saZa, R('sa-zhou', 'testAccuracy', s.attackRound, 'twin'), ordering(saZa && saRa ? saZa.mean > saRa.mean : null, `model replacement: ${meanPct(saRa)}`));
  }
  rows.push(...defenseClaims(r, s, { id: 'ma-zhou', series: 'twin' }), ...defenseComparisons(r, s));
  return rows;
}
