import type { ClientUpdate } from '../client';

export interface AggregationInput {
  /** θ_G before the round. */
  global: Float32Array;
  /** Applied updates, sorted by client id. */
  updates: readonly ClientUpdate[];
}

export interface AggregationResult {
  /** Δ such that θ_G ← θ_G + Δ. */
  delta: Float32Array;
  /** Weight α_i each client's update received (0 when a rule discarded it). */
  weights: { clientId: number; weight: number }[];
}

export interface Aggregator {
  readonly kind: string;
  aggregate(input: AggregationInput): AggregationResult;
}
