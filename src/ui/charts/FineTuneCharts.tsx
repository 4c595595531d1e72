import { memo, useMemo } from 'react';
import { CartesianGrid, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { FineTunePoint } from '../../engine/defense/phase';
import { useLab } from '../store/labStore';
import { twinKey } from './twinRows';

const SERIES = [
  { key: 'mainTaskAccuracy', label: 'main task', color: '#16a085' },
  { key: 'metaTestAccuracy', label: 'meta-testing', color: '#2a6fdb' },
  { key: 'attackTrainSuccess', label: 'attack (attacker’s examples)', color: '#d1495b' },
  { key: 'attackValSuccess', label: 'attack (held-out)', color: '#f4a259' },
] as const;

const pct = (v: number) => `${Math.round(v * 100)}%`;

type CurveRow = { iteration: number } & Record<string, unknown>;

/** One user's curve by iteration, with the benign twin's values beside it under `twinKey`. */
function curveRows(points: readonly FineTunePoint[], twin: readonly FineTunePoint[]): CurveRow[] {
  const rows = new Map<number, CurveRow>(points.map((p): [number, CurveRow] => [p.iteration, { ...p }]));
  for (const t of twin) {
    const row = rows.get(t.iteration) ?? { iteration: t.iteration };
    for (const s of SERIES) row[twinKey(s.key)] = t[s.key] ?? null;
    rows.set(t.iteration, row);
  }
  return [...rows.values()].sort((a, b) => a.iteration - b.iteration);
}

const UserCurve = memo(function UserCurve({ user, points, twin }: { user: number; points: FineTunePoint[]; twin: FineTunePoint[] }) {
  const data = useMemo(() => curveRows(points, twin), [points, twin]);
  const series = SERIES.filter((s) => points.some((p) => typeof p[s.key] === 'number'));
  const twinSeries = SERIES.filter((s) => twin.some((p) => typeof p[s.key] === 'number'));
  return (
    <figure className="mini-chart" data-testid={`fine-tune-user-${user}`} data-points={points.length} data-twin-points={twin.length}>
      <figcaption>user {user}</figcaption>
      <ResponsiveContainer width="100%" height={140}>
        <LineChart data={data} margin={{ top: 4, right: 8, bottom: 0, left: 0 }}>
          <CartesianGrid stroke="#eef0f4" />
          <XAxis dataKey="iteration" type="number" domain={[0, 'dataMax']} tick={{ fontSize: 10 }} />
          <YAxis domain={[0, 1]} tickFormatter={pct} tick={{ fontSize: 10 }} width={38} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? `${(v * 100).toFixed(1)}%` : String(v))} labelFormatter={(i) => `iteration ${i}`} />
          {series.map((s) => <Line key={s.key} dataKey={s.key} name={s.label} stroke={s.color} dot={false} strokeWidth={2} isAnimationActive={false} connectNulls />)}
          {twinSeries.map((s) => (
            <Line key={twinKey(s.key)} type="linear" dataKey={twinKey(s.key)} name={`${s.label} (benign twin)`} stroke={s.color} strokeDasharray="6 4" dot={false} strokeWidth={1.5} isAnimationActive={false} connectNulls />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

const NONE: FineTunePoint[] = [];

function groupByUser(points: readonly FineTunePoint[]): [number, FineTunePoint[]][] {
  const m = new Map<number, FineTunePoint[]>();
  for (const p of points) m.set(p.user, [...(m.get(p.user) ?? []), p]);
  return [...m.entries()].sort((a, b) => a[0] - b[0]);
}

/**
 * The client-side defense after the last round (Chen et al. Figures 5–8): one small chart per
 * benign user, accuracy and attack success over its fine-tuning iterations (and, in a paired run,
 * the benign twin's, dashed).
 */
export function FineTuneCharts() {
  const kind = useLab((s) => s.config.defense.fineTune.kind);
  const delta = useLab((s) => (s.config.defense.fineTune.kind === 'none' ? null : s.config.defense.fineTune.delta));
  const points = useLab((s) => s.fineTune);
  const twinPoints = useLab((s) => s.twin.fineTune);
  const byUser = useMemo(() => groupByUser(points), [points]);
  const twinByUser = useMemo(() => new Map(groupByUser(twinPoints)), [twinPoints]);
  if (kind === 'none' && points.length === 0) return null;
  return (
    <section className="card fine-tune" data-testid="fine-tune">
      <h2>Fine-tuning defense{kind !== 'none' && `: ${kind === 'matching' ? 'matching network' : 'supervised'}, δ = ${delta}`}</h2>
      <p className="muted">
        After the last round every benign user fine-tunes θ' = δ·θ_G + (1 − δ)·θ_fresh on its own tasks; the curves show what that does to accuracy and to the backdoor.
      </p>
      {byUser.length === 0 ? (
        <p className="muted">Curves appear here once the federated rounds are done.</p>
      ) : (
        <div className="mini-charts">
          {byUser.map(([user, ps]) => <UserCurve key={user} user={user} points={ps} twin={twinByUser.get(user) ?? NONE} />)}
        </div>
      )}
      <div className="mini-legend">
        {SERIES.map((s) => <span key={s.key}><i style={{ background: s.color }} />{s.label}</span>)}
        {twinPoints.length > 0 && <span className="twin-legend">dashed: benign twin</span>}
      </div>
    </section>
  );
}
