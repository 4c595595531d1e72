import type { ClientUpdate } from '../client';

export interface AggregationInput {
  /** θ_G before the round. */
  global: Float32Array;
  /** Applied updates (sorted by client id by the coordinator; rules must not depend on the order). */
  updates: readonly ClientUpdate[];
}

/**
 * What a rule did with one client's update, for the app's "picked / clipped / flagged" view.
 * - kept: entered Δ unchanged (FedAvg);
 * - selected: chosen by a selection rule (Krum, Multi-Krum);
 * - clipped: scaled by `factor` < 1 before entering Δ (norm clipping);
 * - partial: a coordinate-wise rule used its value in a fraction `share` of the coordinates;
 * - discarded: did not enter Δ at all.
 */
export type ClientAction = 'kept' | 'selected' | 'clipped' | 'partial' | 'discarded';

export interface ClientOutcome {
  clientId: number;
  action: ClientAction;
  /** Clipping factor 1 / max(1, ‖δ_i‖₂ / M) (norm clipping only; 1 when the update was within the bound). */
  factor?: number;
  /** Krum score: sum of squared distances to the n − f − 2 nearest other updates (lower is better). */
  score?: number;
  /** Coordinate-wise rules: fraction of coordinates in which this client's value entered Δ. */
  share?: number;
}

export interface AggregationResult {
  /** Δ such that θ_G ← θ_G + Δ. */
  delta: Float32Array;
  /**
   * Weight α_i of each client's (possibly clipped) update in Δ, 0 when discarded. For
   * coordinate-wise rules (median, trimmed mean) the weight is averaged over coordinates, so the
   * weights still sum to 1.
   */
  weights: { clientId: number; weight: number }[];
  /** Per client, what the rule did (same order as `weights`: by client id). */
  outcomes: ClientOutcome[];
}

export interface Aggregator {
  readonly kind: string;
  aggregate(input: AggregationInput): AggregationResult;
}

/** The updates sorted by client id (a copy), so a rule's result never depends on arrival order. */
export const byClientId = (updates: readonly ClientUpdate[]): ClientUpdate[] => {
  if (updates.length === 0) throw new Error('aggregating no updates');
  return [...updates].sort((a, b) => a.clientId - b.clientId);
};

/** Dataset-size or uniform averaging weights (FedAvg's α_i; reused by norm clipping and Multi-Krum). */
export function averagingWeights(updates: readonly ClientUpdate[], weighting: 'size' | 'uniform'): number[] {
  const total = updates.reduce((s, u) => s + u.numExamples, 0);
  return updates.map((u) => (weighting === 'size' && total > 0 ? u.numExamples / total : 1 / updates.length));
}
