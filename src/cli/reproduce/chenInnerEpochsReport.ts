import { aboveTwin, atLeast, meanPct, near, ordering, statedPct, type ClaimRow } from './claims';
import { ATTACKERS, epochsStudy, twinStudy, type AttackerKind, type InnerEpochsScale } from './chenInnerEpochs';
import { METRICS } from './chenMetrics';
import { exp1Frame } from './chenReport';
import type { Figure, Panel } from './figure';
import { afterAttackCurve, at, flatTwin, toSeries as series, type Results } from './results';

/** The paper's inner epochs for the Omniglot attacker (section 4), and what it reports after them (Fig. 3a, round 2). */
const PAPER_EPOCHS = 50;
const PAPER_AFTER_ATTACK = 0.78;

/** Each metric right after the attack against the inner epochs, one line per attacker, the benign twin dashed. */
export function innerEpochsFigures(r: Results, s: InnerEpochsScale): Record<string, Figure> {
  const curve = (kind: AttackerKind, m: string) => afterAttackCurve(r, s.innerEpochs, (x) => epochsStudy(kind, x), m);
  const twin = (m: string) => flatTwin(r, s.innerEpochs, twinStudy(s), m);
  return {
    epochs: {
      title: `Exp. 1(a) right after the attack against the attacker's inner epochs (${s.episodes} episodes each; the paper: 50000 × 50), scored at a random output (mean ± sd over seeds; dashed: benign twin)`,
      columns: 2,
      panels: METRICS.map(([m, title]): Panel => ({
        title, xLabel: 'Attacker inner epochs', yLabel: '%',
        series: [...ATTACKERS.map(({ kind, name }) => series(name, curve(kind, m))), series('benign twin', twin(m), true)],
      })),
    },
  };
}

/** Does either attacker, trained up to the paper's 50 inner epochs, plant a backdoor the honest metric reads, and at what cost to meta-testing? */
export function innerEpochsClaims(r: Results, s: InnerEpochsScale): ClaimRow[] {
  const R = (id: string, m: string, series: 'attacked' | 'twin' = 'attacked') => at(r.rounds(id, series, m), 1);
  const frame = exp1Frame(r, twinStudy(s));
  const twinAttack = R(twinStudy(s), 'attackTrainSuccess', 'twin'), twinMeta = R(twinStudy(s), 'metaTestAccuracy', 'twin');
  const first = s.innerEpochs[0], last = s.innerEpochs[s.innerEpochs.length - 1];
  const rows: ClaimRow[] = [frame.before];
  for (const { kind, name } of ATTACKERS) {
    const label = `Exp. 1(a), the ${name}, ${s.episodes} episodes`;
    for (const e of s.innerEpochs) {
      const ours = R(epochsStudy(kind, e), 'attackTrainSuccess');
      rows.push({ figure: 'Fig. 3a', what: `${label} × ${e} inner epochs: attack success (training set) after the attack more than 10 points above the benign twin's`, paper: `yes (${statedPct(PAPER_AFTER_ATTACK)} after 50000 × ${PAPER_EPOCHS})`, ours, twin: twinAttack, verdict: aboveTwin(ours, twinAttack) });
    }
    const lo = R(epochsStudy(kind, first), 'attackTrainSuccess'), hi = R(epochsStudy(kind, last), 'attackTrainSuccess');
    rows.push({
      figure: 'Fig. 3a', what: `${label}: ${last} inner epochs raise attack success (training set) more than 10 points over ${first}`, paper: 'not stated',
      ours: hi, twin: twinAttack, verdict: ordering(lo && hi ? hi.mean > lo.mean + 0.1 : null, `${first} inner epochs: ${meanPct(lo)}`),
    });
    if (last === PAPER_EPOCHS) rows.push({ figure: 'Fig. 3a', what: `${label} × ${PAPER_EPOCHS} inner epochs (the paper's count): attack success (training set) after the attack`, paper: statedPct(PAPER_AFTER_ATTACK), ours: hi, twin: twinAttack, verdict: near(hi, PAPER_AFTER_ATTACK) });
    const meta = R(epochsStudy(kind, last), 'metaTestAccuracy');
    rows.push({ figure: 'Fig. 3a', what: `${label} × ${last} inner epochs: meta-testing accuracy after the attack`, paper: '≥ 98%', ours: meta, twin: twinMeta, verdict: atLeast(meta, 0.98) });
  }
  rows.push(frame.twinAtChance);
  return rows;
}
