import type { Stat } from '../summary';
import { aboveTwin, atLeast, meanPct, near, ordering, type ClaimRow } from './claims';
import type { ChenScale } from './chenOmniglot';
import type { Figure, Panel } from './figure';
import { at, toSeries as series, type Results } from './results';
import { METRICS } from './chenMetrics';

/** The δ of every Experiment 4 study of the scale: the paper's 0.3, then the appendix's. */
export const exp4Deltas = (s: ChenScale): number[] => [0.3, ...s.deltas];

function fineTuneFigure(r: Results, id: string, title: string): Figure {
  return {
    title: `${title} (benign users' mean; mean ± sd over seeds; dashed: benign twin)`,
    columns: 2,
    panels: METRICS.map(([m, t]): Panel => ({
      title: t, xLabel: 'Fine-tuning iteration', yLabel: '%',
      series: [series('fine-tuned', r.fineTune(id, 'attacked', m)), series('fine-tuned', r.fineTune(id, 'twin', m), true)],
    })),
  };
}

function deltaFigure(r: Results, s: ChenScale): Figure {
  return {
    title: `Experiment 4 and appendix A.2: matching network from δθ_G + (1 − δ)θ_glorot${s.randomTarget ? ', after the random-output attacker' : ''}`,
    columns: 2,
    panels: METRICS.map(([m, t]): Panel => ({
      title: t, xLabel: 'Fine-tuning iteration', yLabel: '%',
      series: exp4Deltas(s).flatMap((d) => [series(`δ = ${d}`, r.fineTune(`exp4-delta${d}`, 'attacked', m)), series(`δ = ${d}`, r.fineTune(`exp4-delta${d}`, 'twin', m), true)]),
    })),
  };
}

/** Figures 5, 7, 8, 9 and the δ figure: fine-tuning after the attack (Experiments 2–4). */
export function fineTuneFigures(r: Results, s: ChenScale): Record<string, Figure> {
  // Experiments 2–4 fine-tune after the random-output attacker's update where the scale has one.
  const by = s.randomTarget ? ', after the random-output attacker' : '';
  const figs: Record<string, Figure> = { fig5: fineTuneFigure(r, 'exp2', `Fig. 5: Experiment 2, supervised fine-tuning with η = 0.001${by}`) };
  if (s.lrs.includes(0.01)) figs.fig7 = fineTuneFigure(r, 'exp3-lr0.01', `Fig. 7: Experiment 3, η = 0.01${by}`);
  if (s.lrs.includes(0.05)) figs.fig8 = fineTuneFigure(r, 'exp3-lr0.05', `Fig. 8: Experiment 3, η = 0.05${by}`);
  figs.fig9 = fineTuneFigure(r, 'exp4-delta0.3', `Fig. 9: Experiment 4, matching network with δ = 0.3${by}`);
  figs.delta = deltaFigure(r, s);
  return figs;
}

/** The numbers the paper states for Experiments 2–4 (section 4, appendix A.2), with ours and the twin's. */
export function fineTuneClaims(r: Results, s: ChenScale): ClaimRow[] {
  const F = (id: string, m: string, x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.fineTune(id, series, m), x);
  const rows: ClaimRow[] = [];
  const row = (figure: string, what: string, paper: string, ours: Stat | null, twin: Stat | null, verdict: string) => rows.push({ figure, what, paper, ours, twin, verdict });
  const it = s.fineTune.iterations;
  const by = s.randomTarget ? ' (random-output attacker)' : '';
  row('Fig. 5', `Exp. 2${by} main-task accuracy after fine-tuning (${it} iterations; paper: 500)`, '> 99%', F('exp2', 'mainTaskAccuracy', 'last'), F('exp2', 'mainTaskAccuracy', 'last', 'twin'), atLeast(F('exp2', 'mainTaskAccuracy', 'last'), 0.99));
  row('Fig. 5', `Exp. 2${by} meta-testing accuracy after fine-tuning`, '> 99%', F('exp2', 'metaTestAccuracy', 'last'), F('exp2', 'metaTestAccuracy', 'last', 'twin'), atLeast(F('exp2', 'metaTestAccuracy', 'last'), 0.99));
  const minUser = r.fineTuneMin('exp2', 'attacked', 'attackTrainSuccess', it);
  row('Fig. 5', `Exp. 2${by} attack success after fine-tuning, lowest user`, '> 80% for all users', minUser, r.fineTuneMin('exp2', 'twin', 'attackTrainSuccess', it), atLeast(minUser, 0.8));
  const hi = Math.max(...s.lrs);
  const lo2 = F('exp2', 'attackTrainSuccess', 'last'), hi3 = F(`exp3-lr${hi}`, 'attackTrainSuccess', 'last');
  row('Fig. 8', `Exp. 3${by}: η = ${hi} lowers attack success against η = 0.001`, 'lower', hi3, F(`exp3-lr${hi}`, 'attackTrainSuccess', 'last', 'twin'), ordering(lo2 && hi3 ? hi3.mean < lo2.mean : null, `η = 0.001: ${meanPct(lo2)}`));
  const m2 = F('exp2', 'metaTestAccuracy', 'last'), m3 = F(`exp3-lr${hi}`, 'metaTestAccuracy', 'last');
  row('Fig. 8', `Exp. 3${by}: η = ${hi} also lowers meta-testing accuracy`, 'lower', m3, F(`exp3-lr${hi}`, 'metaTestAccuracy', 'last', 'twin'), ordering(m2 && m3 ? m3.mean < m2.mean : null, `η = 0.001: ${meanPct(m2)}`));
  const d3 = F('exp4-delta0.3', 'attackTrainSuccess', 'last');
  row('Fig. 9', `Exp. 4${by} (δ = 0.3) attack success after fine-tuning (${it} iterations)`, '≈ 20%', d3, F('exp4-delta0.3', 'attackTrainSuccess', 'last', 'twin'), near(d3, 0.2));
  // The paper reads meta-testing accuracy after 50 iterations; a scale that stops sooner reads its last.
  const at50 = Math.min(50, it);
  const mt = F('exp4-delta0.3', 'metaTestAccuracy', at50);
  row('Fig. 9', `Exp. 4${by} (δ = 0.3) meta-testing accuracy after ${it >= 50 ? '50 fine-tuning iterations, as the paper' : 'fine-tuning (paper: after 50 iterations)'}`, '> 96%', mt, F('exp4-delta0.3', 'metaTestAccuracy', at50, 'twin'), atLeast(mt, 0.96));
  if (it > at50) {
    // Iteration 50 is early in 500: the last iteration says whether the defense costs meta-testing accuracy for good.
    const mtEnd = F('exp4-delta0.3', 'metaTestAccuracy', 'last'), mtEndTwin = F('exp4-delta0.3', 'metaTestAccuracy', 'last', 'twin');
    row('Fig. 9', `Exp. 4${by} (δ = 0.3) meta-testing accuracy after all ${it} fine-tuning iterations, against the twin's`, 'not stated', mtEnd, mtEndTwin,
      ordering(mtEnd && mtEndTwin ? mtEnd.mean >= mtEndTwin.mean - 0.05 : null, 'no more than 5 points below the twin'));
  }
  const d = (delta: number, m = 'attackTrainSuccess', series: 'attacked' | 'twin' = 'attacked') => F(`exp4-delta${delta}`, m, 'last', series);
  if (s.deltas.includes(1)) row('App. A.2', `δ = 1 (plain matching network) keeps more of the backdoor than δ = 0.3${by}`, 'higher', d(1), d(1, 'attackTrainSuccess', 'twin'), ordering(d(1) && d3 ? d(1)!.mean > d3.mean : null, `δ = 0.3: ${meanPct(d3)}`));
  if (s.deltas.includes(0.6)) {
    const d6 = d(0.6), t6 = d(0.6, 'attackTrainSuccess', 'twin');
    row('App. A.2', `δ = 0.6 does not remove the backdoor on Omniglot: attack success after fine-tuning more than 10 points above the benign twin's${by}`, 'not removed', d6, t6,
      aboveTwin(d6, t6));
  }
  if (s.deltas.includes(0.2) && s.deltas.includes(0.4)) {
    // "introducing more randomness (appropriately) can remove backdoor effects more effectively"
    row('App. A.2', `δ = 0.2 removes more of the backdoor than δ = 0.4${by}`, 'lower', d(0.2), d(0.2, 'attackTrainSuccess', 'twin'), ordering(d(0.2) && d(0.4) ? d(0.2)!.mean < d(0.4)!.mean : null, `δ = 0.4: ${meanPct(d(0.4))}`));
    for (const [m, what] of [['mainTaskAccuracy', 'main-task'], ['metaTestAccuracy', 'meta-testing']] as const) {
      const lo = d(0.2, m), hiD = d(0.4, m);
      row('App. A.2', `δ = 0.2 ${what} accuracy below δ = 0.4's (paper: 3 points lower)${by}`, 'lower', lo, d(0.2, m, 'twin'),
        ordering(lo && hiD ? lo.mean < hiD.mean : null, `δ = 0.4: ${meanPct(hiD)}`));
    }
  }
  return rows;
}

/** Appendix A.3 on Omniglot: supervised fine-tuning from δ = 0.3 "performs similarly" to Fig. 9's matching network (±10 points, last iteration). */
export function a3Claims(r: Results, a3Study: string): ClaimRow[] {
  const F = (id: string, m: string, series: 'attacked' | 'twin' = 'attacked') => at(r.fineTune(id, series, m), 'last');
  return (['attackTrainSuccess', 'metaTestAccuracy'] as const).map((m): ClaimRow => {
    const sup = F(a3Study, m), match = F('exp4-delta0.3', m);
    const gap = sup && match ? Math.abs(sup.mean - match.mean) : null;
    return {
      figure: 'App. A.3', what: `supervised fine-tuning from δ = 0.3: ${m === 'attackTrainSuccess' ? 'attack success' : 'meta-testing accuracy'} after fine-tuning, similar to the matching network's (Fig. 9; within ±10 points)`,
      paper: 'similar', ours: sup, twin: F(a3Study, m, 'twin'),
      verdict: ordering(gap == null ? null : gap <= 0.1, `${gap == null ? '–' : (100 * gap).toFixed(1)} points from the matching network's ${match ? (100 * match.mean).toFixed(1) : '–'}%`),
    };
  });
}
