import type { DetectorsConfig } from '../../config/schema';
import type { ClientUpdate } from '../client';
import type { Aggregator, AggregationResult } from '../aggregators/types';
import { activeDetectors } from './registry';
import type { DetectionReport, DetectorInput, ServerValidation } from './types';

export interface Screening {
  reports: DetectionReport[];
  /** Clients flagged by a detector configured to reject, sorted. */
  rejected: number[];
}

/** Run every detector that is not off on the round's updates. */
export async function screenUpdates(config: DetectorsConfig, input: DetectorInput, server?: ServerValidation): Promise<Screening> {
  const reports: DetectionReport[] = [];
  const rejected = new Set<number>();
  for (const d of activeDetectors(config)) {
    const r = await d.detect(input, server);
    reports.push(r);
    if (r.reject) r.verdicts.forEach((v) => v.flagged && rejected.add(v.clientId));
  }
  return { reports, rejected: [...rejected].sort((a, b) => a - b) };
}

/**
 * Aggregate the updates that were not rejected; rejected ones appear in the result as discarded
 * with weight 0. When every update is rejected the step is zero (θ_G stays).
 */
export function aggregateScreened(aggregator: Aggregator, global: Float32Array, updates: readonly ClientUpdate[], rejected: readonly number[]): AggregationResult {
  const out = new Set(rejected);
  const kept = updates.filter((u) => !out.has(u.clientId));
  const agg: AggregationResult = kept.length
    ? aggregator.aggregate({ global, updates: kept })
    : { delta: new Float32Array(global.length), weights: [], outcomes: [] };
  if (!out.size) return agg;
  const dropped = updates.filter((u) => out.has(u.clientId));
  const byId = <T extends { clientId: number }>(xs: T[]) => xs.sort((a, b) => a.clientId - b.clientId);
  return {
    delta: agg.delta,
    weights: byId([...agg.weights, ...dropped.map((u) => ({ clientId: u.clientId, weight: 0 }))]),
    outcomes: byId([...agg.outcomes, ...dropped.map((u) => ({ clientId: u.clientId, action: 'discarded' as const }))]),
  };
}
