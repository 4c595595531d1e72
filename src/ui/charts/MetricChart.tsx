import { memo, useMemo, useRef } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { svgToPng } from '../export/chartPng';
import { download } from '../export/download';
import { useLab, type LabState } from '../store/labStore';
import { attackRounds } from './attackRounds';
import { twinKey, withTwin, type Row } from './twinRows';

export interface Series {
  key: string;
  label: string;
  color: string;
}

export type { Row };

interface Props {
  id: string;
  title: string;
  subtitle: string;
  series: Series[];
  /** Rows from the store; must return a stable array for unchanged input (used under useMemo). */
  rows: (s: Pick<LabState, 'points' | 'reports'>) => Row[];
  /** Pick the store slice the rows depend on (points or reports), for narrow subscriptions. */
  source: 'points' | 'reports';
  percent?: boolean;
  /** Shown over the chart while no series has a value. */
  emptyHint?: string;
}

const pct = (v: number) => `${Math.round(v * 100)}%`;
const short = (v: number) => (v === 0 ? '0' : Math.abs(v) >= 1000 || Math.abs(v) < 0.001 ? v.toExponential(0) : String(+v.toPrecision(2)));

const rowsOf = (rows: Props['rows'], source: Props['source'], slice: unknown) =>
  rows({ points: [], reports: [], [source]: slice } as Pick<LabState, 'points' | 'reports'>);

/**
 * One live chart; re-renders only when its own slice of the store changes. In a paired run each
 * series has its benign twin beside it: the same colour, dashed, labelled "benign twin".
 */
export const MetricChart = memo(function MetricChart({ id, title, subtitle, series, rows, source, percent, emptyHint }: Props) {
  const slice = useLab((s) => s[source]);
  const twinSlice = useLab((s) => s.twin[source]);
  const rounds = useLab((s) => s.config.rounds);
  const marks = useLab((s) => attackRounds(s.config).join(','));
  const ref = useRef<HTMLDivElement>(null);
  const own = useMemo(() => rowsOf(rows, source, slice), [slice, rows, source]);
  const twinRows = useMemo(() => rowsOf(rows, source, twinSlice), [twinSlice, rows, source]);
  const data = useMemo(() => withTwin(own, twinRows, series.map((s) => s.key)), [own, twinRows, series]);
  const filled = own.filter((r) => series.some((s) => typeof r[s.key] === 'number')).length;
  const twinSeries = series.filter((s) => twinRows.some((r) => typeof r[s.key] === 'number'));
  const twinFilled = twinRows.filter((r) => twinSeries.some((s) => typeof r[s.key] === 'number')).length;
  // The level each series had at the last evaluation before the first attack: what the attack is read against.
  const firstAttack = marks ? Number(marks.split(',')[0]) : null;
  const before = firstAttack === null ? [] : own.filter((r) => r.round < firstAttack);
  const preAttack = series.flatMap((s) => {
    const v = before.length ? before[before.length - 1][s.key] : null;
    return typeof v === 'number' ? [{ s, v }] : [];
  });
  const exportPng = async () => {
    const svg = ref.current?.querySelector<SVGSVGElement>('.recharts-wrapper > svg.recharts-surface');
    if (svg) download(`${id}.png`, await svgToPng(svg, title), 'image/png');
  };
  return (
    <figure className="chart card" data-testid={`chart-${id}`} data-points={filled} data-twin-points={twinFilled}>
      <figcaption>
        <div>
          <h3>{title}</h3>
          <p>{subtitle}</p>
        </div>
        <button type="button" className="small" onClick={exportPng} disabled={!filled} aria-label={`Download ${title} as PNG`}>PNG</button>
      </figcaption>
      <div className="chart-body" ref={ref}>
        <ResponsiveContainer width="100%" height={210}>
          <LineChart data={data} margin={{ top: 8, right: 16, bottom: 0, left: -8 }}>
            <CartesianGrid stroke="#e6e9ef" />
            <XAxis dataKey="round" type="number" domain={[0, Math.max(1, rounds)]} allowDecimals={false} tick={{ fontSize: 11 }} />
            <YAxis domain={percent ? [0, 1] : [0, 'auto']} tickFormatter={percent ? pct : short} tick={{ fontSize: 11 }} width={48} />
            <Tooltip formatter={(v) => (typeof v === 'number' ? (percent ? `${(v * 100).toFixed(1)}%` : v.toPrecision(3)) : String(v))} labelFormatter={(r) => `round ${r}`} />
            <Legend wrapperStyle={{ fontSize: 12 }} />
            {marks && marks.split(',').map((r) => (
              <ReferenceLine key={r} x={Number(r)} stroke="#d1495b" strokeDasharray="4 3" label={{ value: 'attack', position: 'insideTopRight', fill: '#d1495b', fontSize: 11 }} />
            ))}
            {preAttack.map(({ s, v }) => (
              <ReferenceLine key={`pre-${s.key}`} y={v} className="pre-attack-level" stroke={s.color} strokeOpacity={0.6} strokeDasharray="2 4" label={{ value: 'before the attack', position: 'insideBottomLeft', fill: s.color, fontSize: 10 }} />
            ))}
            {/* Straight segments between evaluation points: a smoothed curve would start rising before the attack round. */}
            {series.map((s) => (
              <Line key={s.key} type="linear" dataKey={s.key} name={s.label} stroke={s.color} strokeWidth={2} dot={{ r: 2.5 }} isAnimationActive={false} connectNulls />
            ))}
            {twinSeries.map((s) => (
              <Line key={twinKey(s.key)} type="linear" dataKey={twinKey(s.key)} name={`${s.label} (benign twin)`} className="twin-line" stroke={s.color} strokeWidth={1.5} strokeDasharray="6 4" dot={false} isAnimationActive={false} connectNulls />
            ))}
          </LineChart>
        </ResponsiveContainer>
        {!filled && <div className="chart-empty">{emptyHint ?? 'Press Start: points appear here after each evaluated round.'}</div>}
      </div>
    </figure>
  );
});
