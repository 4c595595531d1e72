import { stat, type Stat } from '../summary';
import type { Cell } from './cell';
import { readCell } from './store';

type Line = Record<string, unknown>;

/** Rates a run reports (accuracies and attack successes, in [0, 1]); counts, ids and timings are left out. */
const isRate = (k: string) => /(Accuracy|Success)$/.test(k);

/** A metric of the report: a rate after the last evaluated round, or after fine-tuning. */
export interface MetricKey { key: string; label: string }

/**
 * One run's numbers: every rate of its last evaluation point (`last.<rate>`) and, when it
 * fine-tuned, every rate at the last iteration averaged over the benign users (`fineTune.<rate>`).
 */
export function runMetrics(lines: readonly Line[]): Map<string, number> {
  const out = new Map<string, number>();
  const evals = lines.filter((l) => l.phase !== 'fine-tune' && l.phase !== 'summary' && typeof l.round === 'number');
  const last = evals.reduce<Line | undefined>((a, l) => (!a || (l.round as number) >= (a.round as number) ? l : a), undefined);
  for (const [k, v] of Object.entries(last ?? {})) if (isRate(k) && typeof v === 'number' && Number.isFinite(v)) out.set(`last.${k}`, v);
  const ft = lines.filter((l) => l.phase === 'fine-tune' && typeof l.iteration === 'number');
  const lastIt = Math.max(...ft.map((l) => l.iteration as number));
  const atLast = ft.filter((l) => l.iteration === lastIt);
  for (const k of new Set(atLast.flatMap((l) => Object.keys(l).filter(isRate)))) {
    const vs = atLast.map((l) => l[k]).filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
    if (vs.length) out.set(`fineTune.${k}`, vs.reduce((a, b) => a + b, 0) / vs.length);
  }
  return out;
}

/** A row of the report: one combination of the swept fields other than the seed, over its seeds. */
export interface ReportRow {
  values: [string, unknown][];
  /** Runs finished of the row's cells. */
  runs: number;
  cells: number;
  metrics: Map<string, Stat>;
}

export interface Report { axes: string[]; rows: ReportRow[]; metrics: MetricKey[]; lastRound: number | null; lastIteration: number | null }

/** The sweep's results by row (in the grid's order), each metric's mean and sd over the finished seeds. */
export function buildReport(dir: string, cells: readonly Cell[], axes: readonly string[]): Report {
  const groups = new Map<string, { values: [string, unknown][]; runs: Map<string, number>[]; cells: number }>();
  let lastRound: number | null = null, lastIteration: number | null = null;
  for (const c of cells) {
    const values = axes.map((a): [string, unknown] => [a, c.stamp[a]]);
    const key = JSON.stringify(values);
    const g = groups.get(key) ?? groups.set(key, { values, runs: [], cells: 0 }).get(key)!;
    g.cells++;
    const lines = readCell(dir, c);
    if (!lines) continue;
    g.runs.push(runMetrics(lines));
    for (const l of lines) {
      if (l.phase === 'fine-tune' && typeof l.iteration === 'number') lastIteration = Math.max(lastIteration ?? 0, l.iteration);
      else if (typeof l.round === 'number') lastRound = Math.max(lastRound ?? 0, l.round);
    }
  }
  const keys = [...new Set([...groups.values()].flatMap((g) => g.runs.flatMap((r) => [...r.keys()])))];
  // Main-task and meta-test accuracy first, then attack success; after the rounds, then after fine-tuning.
  const rank = (k: string) => (k.startsWith('fineTune.') ? 10 : 0) + (/attack/i.test(k) ? 1 : 0);
  keys.sort((a, b) => rank(a) - rank(b));
  const rows = [...groups.values()].map((g): ReportRow => ({
    values: g.values, runs: g.runs.length, cells: g.cells,
    // A metric is averaged only where every finished seed measured it, so means compare like with like.
    metrics: new Map(keys.flatMap((k) => (g.runs.length && g.runs.every((r) => r.has(k)) ? [[k, stat(g.runs.map((r) => r.get(k)!))]] : []))),
  }));
  const metrics = keys.map((key) => ({ key, label: label(key, lastRound, lastIteration) }));
  return { axes: [...axes], rows, metrics, lastRound, lastIteration };
}

function label(key: string, round: number | null, iteration: number | null): string {
  const [where, name] = key.split('.') as [string, string];
  const words = name.replace(/([A-Z])/g, ' $1').toLowerCase();
  return where === 'fineTune' ? `${words}, fine-tuned ${iteration ?? '?'} it.` : `${words}, round ${round ?? '?'}`;
}

const pct = (s: Stat | undefined) => (s ? `${(100 * s.mean).toFixed(1)} ± ${(100 * s.sd).toFixed(1)}` : '–');
const show = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

/** The report as a Markdown table: a row per combination, mean ± sd over seeds in percent. */
export function reportTable(r: Report): string {
  const head = [...r.axes, 'seeds', ...r.metrics.map((m) => `${m.label} (%)`)];
  const rows = r.rows.map((row) => [...row.values.map(([, v]) => show(v)), row.runs === row.cells ? `${row.runs}` : `${row.runs} of ${row.cells}`, ...r.metrics.map((m) => pct(row.metrics.get(m.key)))]);
  return [head, head.map(() => '---'), ...rows].map((cells) => `| ${cells.join(' | ')} |`).join('\n');
}
