import type { FineTunePoint } from '../../engine/defense/phase';
import type { RoundReport } from '../../engine/fed/coordinator';
import type { MetricPoint } from '../../engine/experiment/run';

/** What one run streams into the store: the attacked run's, or its benign twin's (a paired run). */
export interface RunSeries {
  points: MetricPoint[];
  reports: RoundReport[];
  /** Benign users' fine-tuning curves after the last round (defense.fineTune). */
  fineTune: FineTunePoint[];
}

export const emptySeries = (): RunSeries => ({ points: [], reports: [], fineTune: [] });

/** A metric point; a repeated round (re-evaluated after a pause) replaces the earlier one. Sorted by round. */
export function withPoint(points: readonly MetricPoint[], p: MetricPoint): MetricPoint[] {
  const out = points.filter((q) => q.round !== p.round);
  out.push(p);
  return out.sort((a, b) => a.round - b.round);
}

/** A round's report; a repeat of the round replaces the earlier one. */
export const withReport = (reports: readonly RoundReport[], r: RoundReport): RoundReport[] =>
  [...reports.filter((q) => q.round !== r.round), r];

/** A fine-tuning curve point; a repeat of (user, iteration) replaces the earlier one. */
export const withFineTune = (points: readonly FineTunePoint[], p: FineTunePoint): FineTunePoint[] =>
  [...points.filter((q) => q.user !== p.user || q.iteration !== p.iteration), p];
