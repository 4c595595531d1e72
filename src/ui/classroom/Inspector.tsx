import { useMemo, useState } from 'react';
import type { RoundReport } from '../../engine/fed/coordinator';
import { useLab } from '../store/labStore';
import { useTeacher, type TeacherState } from './classroomStore';
import { BINS, inspectRound, type RoundInspection } from './inspectorStats';

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 1 ? v.toFixed(2) : v.toPrecision(2));

/** Seat label: the student's name (plain text) or "simulated", and why a simulated client stood in. */
function useSeatLabel(): (seat: number, round: number) => string {
  const students = useTeacher((s) => s.students);
  const seats = useTeacher((s) => s.seats);
  const updates = useTeacher((s) => s.updates);
  return (seat, round) => {
    const u = updates.find((x) => x.seat === seat && x.round === round);
    const name = students.find((s) => s.id === seats[seat])?.name;
    if (u?.fallback && u.fallback !== 'absent') return `seat ${seat}: simulated (${name ?? 'student'} ${u.fallback})`;
    return `seat ${seat}: ${u?.student ? name ?? 'student' : 'simulated'}`;
  };
}

function Norms({ r, label }: { r: RoundInspection; label: (seat: number) => string }) {
  const max = Math.max(...r.norms, 1e-12);
  return (
    <table className="inspector-norms" data-testid="inspector-norms">
      <tbody>
        {r.seats.map((seat, i) => (
          <tr key={seat}>
            <th scope="row">{label(seat)}</th>
            <td><div className="bar-fill" style={{ width: `${(100 * r.norms[i]) / max}%` }} /></td>
            <td>{fmt(r.norms[i])}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Heatmap({ r }: { r: RoundInspection }) {
  const max = Math.max(...r.distances.flat(), 1e-12);
  return (
    <table className="inspector-heatmap" data-testid="inspector-heatmap" aria-label="Pairwise distances between updates">
      <thead><tr><th />{r.seats.map((s) => <th key={s}>{s}</th>)}</tr></thead>
      <tbody>
        {r.distances.map((row, i) => (
          <tr key={r.seats[i]}>
            <th scope="row">{r.seats[i]}</th>
            {row.map((d, j) => <td key={j} title={fmt(d)} style={{ background: `rgba(209, 73, 91, ${(d / max).toFixed(3)})` }}>{fmt(d)}</td>)}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function Histograms({ r }: { r: RoundInspection }) {
  const w = 120, h = 40;
  return (
    <div className="inspector-histograms" data-testid="inspector-histograms">
      {r.histograms.map((hist, i) => {
        const top = Math.max(...hist.map((c) => Math.log1p(c)), 1);
        return (
          <figure key={r.seats[i]}>
            <svg width={w} height={h} aria-label={`values of seat ${r.seats[i]}`}>
              {hist.map((c, b) => <rect key={b} x={(b * w) / BINS} width={w / BINS - 1} y={h - (h * Math.log1p(c)) / top} height={(h * Math.log1p(c)) / top} fill="#30638e" />)}
            </svg>
            <figcaption>seat {r.seats[i]} · ±{fmt(r.limit)}</figcaption>
          </figure>
        );
      })}
    </div>
  );
}

function RuleAndDetectors({ report }: { report: RoundReport | undefined }) {
  if (!report) return <p className="hint">Waiting for the server's aggregation of this round.</p>;
  return (
    <ul className="inspector-rule" data-testid="inspector-rule">
      {report.outcomes.map((o) => (
        <li key={o.clientId}>
          seat {o.clientId}: {o.action}
          {o.factor !== undefined ? ` ×${fmt(o.factor)}` : ''}{o.score !== undefined ? ` (Krum score ${fmt(o.score)})` : ''}{o.share !== undefined ? ` (${Math.round(o.share * 100)}% of coordinates)` : ''}
        </li>
      ))}
      {report.detections.flatMap((d) => d.verdicts.filter((v) => v.flagged).map((v) => (
        <li key={`${d.kind}${v.clientId}`} className="flag">seat {v.clientId}: flagged by {d.kind}{d.reject ? ' and left out' : ''}</li>
      )))}
    </ul>
  );
}

function Rejections({ list }: { list: TeacherState['rejections'] }) {
  if (list.length === 0) return null;
  return (
    <ul className="inspector-rejections" data-testid="rejections">
      {list.map((r, i) => <li key={i}>{r.name}: update{r.round !== null ? ` for round ${r.round}` : ''} rejected — {r.reason}</li>)}
    </ul>
  );
}

/**
 * The update inspector: for a chosen round, every update that reached the aggregation (by seat),
 * its norm, how far apart the updates are, the spread of their values, and what the rule and the
 * detectors did with them. Enough for the class to argue about who attacked before the reveal.
 */
export function Inspector() {
  const updates = useTeacher((s) => s.updates);
  const rejections = useTeacher((s) => s.rejections);
  const reports = useLab((s) => s.reports);
  const rounds = useMemo(() => [...new Set(updates.map((u) => u.round))].sort((a, b) => a - b), [updates]);
  const [picked, setPicked] = useState<number | null>(null);
  const round = picked !== null && rounds.includes(picked) ? picked : rounds[rounds.length - 1];
  const r = useMemo(() => (round === undefined ? null : inspectRound(updates, round)), [updates, round]);
  const label = useSeatLabel();
  return (
    <section className="card classroom-inspector" aria-label="Update inspector" data-testid="inspector">
      <h2>
        Update inspector{' '}
        {rounds.length > 0 && (
          <select aria-label="Round" value={round} onChange={(e) => setPicked(Number(e.target.value))}>
            {rounds.map((x) => <option key={x} value={x}>round {x}</option>)}
          </select>
        )}
      </h2>
      {r ? (
        <div className="inspector-grid">
          <div><h3>Update norm ‖δ‖</h3><Norms r={r} label={(seat) => label(seat, r.round)} /></div>
          <div><h3>Distances between updates</h3><Heatmap r={r} /></div>
          <div><h3>Values of each update</h3><Histograms r={r} /></div>
          <div><h3>What the server did</h3><RuleAndDetectors report={reports.find((x) => x.round === r.round)} /></div>
        </div>
      ) : <p className="hint">Each round's updates appear here as they arrive.</p>}
      <Rejections list={rejections} />
    </section>
  );
}
