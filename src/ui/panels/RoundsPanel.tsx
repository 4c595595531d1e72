import { memo } from 'react';
import type { RoundReport } from '../../engine/fed/coordinator';
import { useLab } from '../store/labStore';

const num = (v: number) => (v >= 100 || v < 0.01 ? v.toExponential(1) : v.toPrecision(2));

function outcomeText(o: RoundReport['outcomes'][number] | undefined): string {
  if (!o) return '';
  switch (o.action) {
    case 'clipped': return `clipped ×${num(o.factor ?? 1)}`;
    case 'partial': return `used in ${Math.round(100 * (o.share ?? 0))}% of coordinates`;
    default: return o.action;
  }
}

/** One round: who was applied, what the aggregation rule did to each update, what detectors flagged. */
const RoundRow = memo(function RoundRow({ r }: { r: RoundReport }) {
  return (
    <tr data-testid={`round-${r.round}`}>
      <td>{r.round}</td>
      <td>
        {r.applied.map((id) => {
          const attacker = r.attackers.includes(id);
          const flagged = r.detections.filter((d) => d.verdicts.some((v) => v.clientId === id && v.flagged)).map((d) => d.kind);
          const norm = r.updateNorms.find((u) => u.clientId === id)?.norm;
          const outcome = outcomeText(r.outcomes.find((o) => o.clientId === id));
          return (
            <span key={id} className={`chip${attacker ? ' attacker' : ''}${r.rejected.includes(id) ? ' rejected' : ''}`}
              title={`${attacker ? 'attacker' : 'benign user'} ${id}: ‖δ‖ = ${norm?.toPrecision(3) ?? '?'}${outcome ? `, ${outcome}` : ''}${flagged.length ? `, flagged by ${flagged.join(', ')}` : ''}${r.rejected.includes(id) ? ', rejected' : ''}`}>
              {attacker ? '☠ ' : ''}user {id}
              {norm !== undefined && <small> ‖δ‖ {num(norm)}</small>}
              {outcome && outcome !== 'kept' && <small> · {outcome}</small>}
              {flagged.length > 0 && <small className="flag"> · ⚑ {flagged.join(', ')}</small>}
              {r.rejected.includes(id) && <small className="flag"> · rejected</small>}
            </span>
          );
        })}
      </td>
      <td className="num">{num(r.stepNorm)}</td>
      <td className="num">{(r.durationMs / 1000).toFixed(1)} s</td>
    </tr>
  );
});

/** The server's view of each round, newest first (issue: which client each rule picked, clipped or flagged). */
export function RoundsPanel() {
  const reports = useLab((s) => s.reports);
  if (reports.length === 0) return null;
  const rows = [...reports].sort((a, b) => b.round - a.round);
  return (
    <section className="card rounds">
      <h2>Rounds</h2>
      <div className="rounds-scroll">
        <table>
          <thead><tr><th>Round</th><th>Updates applied (what the aggregation rule and detectors did)</th><th>‖Δθ_G‖</th><th>Time</th></tr></thead>
          <tbody>{rows.map((r) => <RoundRow key={r.round} r={r} />)}</tbody>
        </table>
      </div>
    </section>
  );
}
