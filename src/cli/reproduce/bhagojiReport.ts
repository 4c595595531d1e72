import { median } from '../../engine/fed/pairwise';
import type { Stat } from '../summary';
import { againstTwin, atLeast, meanPct, near, ordering, type ClaimRow } from './claims';
import type { BhagojiScale } from './bhagojiFmnist';
import type { Figure, Panel } from './figure';
import { at, attackerKept, over, stealthOf, toSeries as series, type Line, type Results } from './results';


/** Acc. Mal: validation accuracy of θ_G plus the malicious update (the server's accuracy check). */
const accMal = (l: Line): number | null => stealthOf(l)?.updates.find((u) => u.malicious)?.valAccuracy ?? null;
/** Acc. Global: validation accuracy of θ_G at the round's start, on the same examples. */
const accGlobal = (l: Line): number | null => stealthOf(l)?.globalValAccuracy ?? null;
/**
 * The malicious update's norm over the benign updates' median. Krum keeps the update nearest the
 * others, and where benign updates are nearly orthogonal to each other that is the shortest one.
 */
export const updateNormRatio = (l: Line): number | null => {
  const updates = stealthOf(l)?.updates ?? [];
  const mal = updates.find((u) => u.malicious), benign = updates.filter((u) => !u.malicious).map((u) => u.norm);
  return mal && benign.length ? mal.norm / median(benign) : null;
};
/** The paper's "metrics of interest" panel: Conf. Global, Acc. Global, Acc. Mal over time steps. */
function metricsFigure(r: Results, s: BhagojiScale, title: string, runs: { id: string; name: string; twin?: boolean }[]): Figure {
  const panels: [string, string, string | ((l: Line) => number | null)][] = [
    ['conf', 'Conf. Global: p(target) for the chosen example (%)', 'attackConfidence'],
    ['acc', 'Acc. Global: test accuracy (%)', 'testAccuracy'],
    ['mal', 'Acc. Mal: θ_G + malicious update, validation (%)', accMal],
  ];
  return {
    title, columns: 3,
    panels: panels.map(([, t, m]): Panel => ({
      title: t, xLabel: 'Time step (round)', yLabel: '%', markX: { x: s.attackRound, label: 'first attack' },
      series: runs.flatMap((run) => [series(run.name, r.rounds(run.id, 'attacked', m)), ...(run.twin ? [series(run.name, r.rounds(run.id, 'twin', m), true)] : [])]),
    })),
  };
}

export function bhagojiFigures(r: Results, s: BhagojiScale): Record<string, Figure> {
  return {
    explicit: metricsFigure(r, s, 'Explicit boosting (Fig. 1a): Fashion-MNIST, 10 agents (dashed: benign twin)', [{ id: 'explicit', name: 'explicit boosting', twin: true }]),
    alternating: metricsFigure(r, s, 'Alternating minimisation (Figs. 4, 5): with a distance constraint, and with previous-step estimation', [
      { id: 'alternating', name: 'alternating minimisation' }, { id: 'alternating-pre', name: 'with estimation (pre)' }, { id: 'explicit', name: 'explicit boosting', twin: true }]),
    krum: metricsFigure(r, s, 'Against Krum (Fig. 10): λ = 2 (dashed: benign twin under Krum)', [
      { id: 'krum-explicit', name: 'explicit boosting', twin: true }, { id: 'krum-explicit-long', name: 'explicit, trained as with λ = 10' }, { id: 'krum-alternating', name: 'alternating minimisation' }]),
  };
}

export function bhagojiClaims(r: Results, s: BhagojiScale): ClaimRow[] {
  const R = (id: string, m: string | ((l: Line) => number | null), x: number | 'last', series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(id, series, m), x);
  const meanOver = (id: string, m: (l: Line) => number | null) => over(r.rounds(id, 'attacked', m), s.attackRound);
  const rows: ClaimRow[] = [];
  const row = (figure: string, what: string, paper: string, ours: Stat | null, twin: Stat | null, verdict: string) => rows.push({ figure, what, paper, ours, twin, verdict });
  const conf = R('explicit', 'attackConfidence', 'last');
  const confTwin = R('explicit', 'attackConfidence', 'last', 'twin');
  row('Fig. 1a', 'Explicit boosting: the global model\'s confidence in the target at the last round', '≈ 100%', conf, confTwin, againstTwin(atLeast(conf, 0.9), conf, confTwin));
  const mal = meanOver('explicit', accMal), glob = meanOver('explicit', accGlobal);
  row('§3.3.1', 'Explicit boosting fails the accuracy check: Acc. Mal far below Acc. Global (mean over attack rounds)', 'much lower', mal, null, ordering(mal && glob ? mal.mean < glob.mean - 0.1 : null, `Acc. Global ${meanPct(glob)}`));
  const altSucc = R('alternating', 'attackTrainSuccess', 'last');
  const succTwin = R('explicit', 'attackTrainSuccess', 'last', 'twin');
  row('Fig. 4a', 'Alternating minimisation: the chosen example classified as the target at the last round', 'yes, high confidence', altSucc, succTwin, againstTwin(atLeast(altSucc, 0.9), altSucc, succTwin));
  const amMal = meanOver('alternating', accMal), amGlob = meanOver('alternating', accGlobal);
  row('Fig. 4a', 'Alternating minimisation passes the accuracy check: Acc. Mal tracks Acc. Global (mean over attack rounds)', 'close', amMal, null, amGlob ? `${near(amMal, amGlob.mean)} (Acc. Global ${meanPct(amGlob)})` : 'not run');
  const amAcc = R('alternating', 'testAccuracy', 'last'), twinAcc = R('explicit', 'testAccuracy', 'last', 'twin');
  row('§1', 'Alternating minimisation: the global model reaches the benign run\'s test accuracy', 'same', amAcc, twinAcc, twinAcc ? near(amAcc, twinAcc.mean) : 'not run');
  const pre = R('alternating-pre', 'attackConfidence', 'last'), plain = R('alternating', 'attackConfidence', 'last');
  row('Fig. 5', 'Previous-step estimation (pre-optimisation correction) raises the target\'s confidence', 'higher', pre, null, ordering(pre && plain ? pre.mean > plain.mean : null, `without: ${meanPct(plain)}`));
  const kE = meanOver('krum-explicit', attackerKept), kA = meanOver('krum-alternating', attackerKept);
  row('Fig. 10', 'Krum picks the explicit-boosting update (share of attack rounds)', '34 of 40 (85%)', kE, null, near(kE, 0.85));
  const kSucc = R('krum-explicit', 'attackTrainSuccess', 'last'), kSuccTwin = R('krum-explicit', 'attackTrainSuccess', 'last', 'twin');
  row('Fig. 10', 'Krum does not stop explicit boosting: the chosen example classified as the target at the last round', 'yes', kSucc, kSuccTwin, againstTwin(atLeast(kSucc, 0.9), kSucc, kSuccTwin));
  const kL = meanOver('krum-explicit-long', attackerKept);
  row('Fig. 10', 'Krum picks the explicit update less often when it trains longer than a benign agent (as long as with λ = 10; share of attack rounds)', 'not stated', kL, null, ordering(kL && kE ? kL.mean < kE.mean : null, `trained the paper's share: ${meanPct(kE)}`));
  row('Fig. 10', 'Krum picks the alternating-minimisation update (share of attack rounds)', '26 of 40 (65%)', kA, null, near(kA, 0.65));
  const nE = meanOver('krum-explicit', updateNormRatio), nA = meanOver('krum-alternating', updateNormRatio);
  row('Fig. 10', 'Why Krum keeps one and not the other: the alternating-minimisation update is longer than explicit boosting\'s (its norm over the benign updates\' median, mean over attack rounds)', 'not stated', nA, null, ordering(nA && nE ? nA.mean > nE.mean : null, `explicit boosting: ${meanPct(nE)}`));
  const kEa = R('krum-explicit', 'testAccuracy', 'last'), kAa = R('krum-alternating', 'testAccuracy', 'last');
  row('Fig. 10', 'Under Krum, alternating minimisation keeps higher test accuracy than explicit boosting', 'higher', kAa, R('krum-explicit', 'testAccuracy', 'last', 'twin'), ordering(kAa && kEa ? kAa.mean > kEa.mean : null, `explicit: ${meanPct(kEa)}`));
  return rows;
}
