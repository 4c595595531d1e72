import type { ExperimentConfig } from '../../engine/config/schema';
import type { FineTunePoint } from '../../engine/defense/phase';
import type { RoundReport } from '../../engine/fed/coordinator';
import type { MetricPoint } from '../../engine/experiment/run';
import { modeMetrics, type Mode } from '../../engine/learners/metrics';

/** The charted columns first: the mode's accuracies under its own names, then attack success. */
const first = (mode: Mode): string[] => ['round', 'phase', ...modeMetrics[mode].map((m) => m.key), 'attackTrainSuccess', 'attackValSuccess', 'stepNorm'];

const cell = (v: unknown): string => {
  if (v === null || v === undefined) return '';
  const s = typeof v === 'object' ? JSON.stringify(v) : String(v);
  return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/** The metric stream as CSV: the charted columns first, then every other field points carry. */
export function metricsCsv(points: readonly MetricPoint[], mode: Mode = 'meta'): string {
  const keys = new Set<string>(first(mode));
  for (const p of points) for (const k of Object.keys(p)) keys.add(k);
  const cols = [...keys];
  const lines = [cols.join(',')];
  for (const p of points) lines.push(cols.map((k) => cell((p as unknown as Record<string, unknown>)[k])).join(','));
  return `${lines.join('\n')}\n`;
}

/** Everything needed to reproduce and re-plot the run. */
export function metricsJson(o: { preset: string; config: ExperimentConfig; url: string; points: readonly MetricPoint[]; reports: readonly RoundReport[]; fineTune?: readonly FineTunePoint[] }): string {
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
  }, null, 2);
}
