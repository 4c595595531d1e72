import type { ExperimentConfig } from '../../engine/config/schema';
import { benignTwin } from '../../engine/config/twin';
import type { FineTunePoint } from '../../engine/defense/phase';
import type { RoundReport } from '../../engine/fed/coordinator';
import type { MetricPoint } from '../../engine/experiment/run';
import { modeMetrics, type Mode } from '../../engine/learners/metrics';
import type { RunSeries } from '../store/series';

/** The charted columns first: the mode's accuracies under its own names, then attack success. */
const first = (mode: Mode): string[] => ['round', 'phase', ...modeMetrics[mode].map((m) => m.key), 'attackTrainSuccess', 'attackValSuccess', 'stepNorm'];
/** The benign twin's charted figures, as `twin.<field>` columns beside the run's. */
const twinColumns = (mode: Mode): string[] => first(mode).filter((k) => k !== 'round' && k !== 'phase');

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

type Fields = Record<string, unknown>;

/**
 * The metric stream as CSV: the charted columns first, then (in a paired run) the benign twin's
 * charted figures as `twin.…` columns on the row of the same round, then every other field the
 * run's points carry. A round only one of the two evaluated leaves the other's cells empty.
 */
export function metricsCsv(points: readonly MetricPoint[], mode: Mode = 'meta', twin: readonly MetricPoint[] = []): string {
  const keys = new Set<string>(first(mode));
  const twinCols = twin.length ? twinColumns(mode) : [];
  for (const k of twinCols) keys.add(`twin.${k}`);
  for (const p of points) for (const k of Object.keys(p)) keys.add(k);
  const cols = [...keys];
  const rows = new Map<number, Fields>(points.map((p) => [p.round, { ...p }]));
  for (const t of twin) {
    const row = rows.get(t.round) ?? { round: t.round };
    for (const k of twinCols) row[`twin.${k}`] = (t as unknown as Fields)[k];
    rows.set(t.round, row);
  }
  const lines = [cols.join(',')];
  for (const r of [...rows.keys()].sort((a, b) => a - b)) lines.push(cols.map((k) => cell(rows.get(r)![k])).join(','));
  return `${lines.join('\n')}\n`;
}

/** Everything needed to reproduce and re-plot the run (and, paired, its benign twin's series). */
export function metricsJson(o: {
  preset: string;
  config: ExperimentConfig;
  url: string;
  points: readonly MetricPoint[];
  reports: readonly RoundReport[];
  fineTune?: readonly FineTunePoint[];
  twin?: RunSeries;
}): string {
  const paired = !!o.twin && (o.twin.points.length > 0 || o.twin.reports.length > 0);
  return JSON.stringify({
    format: 'backdoor-lab-metrics/1',
    exportedAt: new Date().toISOString(),
    preset: o.preset,
    seed: o.config.seed,
    config: o.config,
    url: o.url,
    points: o.points,
    reports: o.reports,
    fineTune: o.fineTune ?? [],
    paired,
    // The twin's config is the run's with attack.twin set (config/twin.ts).
    ...(paired ? { twin: { config: benignTwin(o.config), ...o.twin } } : {}),
  }, null, 2);
}
