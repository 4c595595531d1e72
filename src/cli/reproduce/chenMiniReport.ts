import type { Stat } from '../summary';
import type { ChenScale } from './chenOmniglot';
import { atLeast, atMost, meanPct, near, ordering, type ClaimRow } from './claims';
import { exp1Claims } from './chenReport';
import { at, type Results } from './results';

/**
 * Chen et al. 2020's mini-ImageNet numbers (section 4, Figs. 4, 6, 10; the abstract), checked
 * against the same studies as on Omniglot. Their Experiment 1 runs 100 rounds after the attack.
 */
export function chenMiniClaims(r: Results, s: ChenScale): ClaimRow[] {
  const R = (id: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(id, series, m), x);
  const F = (id: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.fineTune(id, series, m), x);
  const rows: ClaimRow[] = [];
  const row = (figure: string, what: string, paper: string, ours: Stat | null, twin: Stat | null, verdict: string) => rows.push({ figure, what, paper, ours, twin, verdict });
  const both = (id: string, m: string, x: number | 'last') => [R(id, m, x), R(id, m, x, 'twin')] as const;

  row('§4', 'Meta-testing accuracy before the attack', '> 60%', ...both('exp1-a', 'metaTestAccuracy', 0), atLeast(R('exp1-a', 'metaTestAccuracy', 0), 0.6));
  rows.push(...exp1Claims(r, s.exp1Rounds, 'Fig. 4', 100, [['a', 0.74, 0.55, 0.68, 0.48], ['b', 0.76, 0.5, 0.69, 0.42], ['c', 0.8, 0.32, null, null]]));
  // Meta-testing accuracy right after the attack: 50% in every scenario (Fig. 4a–c).
  for (const sc of ['a', 'b', 'c']) row(`Fig. 4${sc}`, `Exp. 1(${sc}) meta-testing accuracy after the attack`, '≈ 50%', ...both(`exp1-${sc}`, 'metaTestAccuracy', 1), near(R(`exp1-${sc}`, 'metaTestAccuracy', 1), 0.5));
  const it = s.fineTune.iterations;
  const fine = (id: string, m: string) => [F(id, m, 'last'), F(id, m, 'last', 'twin')] as const;
  row('Fig. 6', `Exp. 2 main-task accuracy after fine-tuning (${it} iterations; paper: 500)`, '≈ 60%', ...fine('exp2', 'mainTaskAccuracy'), near(F('exp2', 'mainTaskAccuracy', 'last'), 0.6));
  row('Fig. 6', 'Exp. 2 meta-testing accuracy after fine-tuning', '≈ 50%', ...fine('exp2', 'metaTestAccuracy'), near(F('exp2', 'metaTestAccuracy', 'last'), 0.5));
  row('Fig. 6', 'Exp. 2 attack success (training set) after fine-tuning', '≈ 75%', ...fine('exp2', 'attackTrainSuccess'), near(F('exp2', 'attackTrainSuccess', 'last'), 0.75));
  row('Fig. 6', 'Exp. 2 attack success (validation) after fine-tuning', '≈ 50%', ...fine('exp2', 'attackValSuccess'), near(F('exp2', 'attackValSuccess', 'last'), 0.5));
  const hi = Math.max(...s.lrs);
  const lo2 = F('exp2', 'attackTrainSuccess', 'last'), hi3 = F(`exp3-lr${hi}`, 'attackTrainSuccess', 'last');
  row('Abstract', `Exp. 3: η = ${hi} lowers attack success against η = 0.001`, 'lower', ...fine(`exp3-lr${hi}`, 'attackTrainSuccess'), ordering(lo2 && hi3 ? hi3.mean < lo2.mean : null, `η = 0.001: ${meanPct(lo2)}`));
  row('Fig. 10', `Exp. 4 (δ = 0.3) attack success (training set) after fine-tuning (${it} iterations)`, '< 20%', ...fine('exp4-delta0.3', 'attackTrainSuccess'), atMost(F('exp4-delta0.3', 'attackTrainSuccess', 'last'), 0.2));
  row('Fig. 10', 'Exp. 4 (δ = 0.3) attack success (validation) after fine-tuning, from 50%', '≈ 20%', ...fine('exp4-delta0.3', 'attackValSuccess'), near(F('exp4-delta0.3', 'attackValSuccess', 'last'), 0.2));
  row('Fig. 10', 'Exp. 4 (δ = 0.3) meta-testing accuracy after fine-tuning', '≈ 35%', ...fine('exp4-delta0.3', 'metaTestAccuracy'), near(F('exp4-delta0.3', 'metaTestAccuracy', 'last'), 0.35));
  return rows;
}
