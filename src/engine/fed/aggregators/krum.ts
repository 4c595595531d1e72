import type { AggregatorConfig } from '../../config/schema';
import { weightedSum } from '../../model/vec';
import type { ClientUpdate } from '../client';
import { pairwiseSquaredDistances } from '../pairwise';
import { averagingWeights, byClientId, type Aggregator, type AggregationResult } from './types';

type KrumConfig = Extract<AggregatorConfig, { kind: 'krum' }>;

/**
 * Neighbours counted in a Krum score: n − f − 2 (Blanchard et al. 2017), clamped to [1, n − 1]
 * so that the rule still works when fewer than f + 3 updates arrive (with 1 neighbour, the score
 * is the squared distance to the nearest other update).
 */
export const krumNeighbours = (n: number, f: number): number => Math.max(1, Math.min(n - 1, n - f - 2));

/**
 * Krum scores: for each update, the sum of squared distances to its n − f − 2 nearest other
 * updates. An update far from the bulk (a boosted one) gets a large score.
 */
export function krumScores(updates: readonly ClientUpdate[], f: number): number[] {
  const n = updates.length;
  if (n === 1) return [0];
  const d = pairwiseSquaredDistances(updates.map((u) => u.delta));
  const k = krumNeighbours(n, f);
  return d.map((row, i) => row.filter((_, j) => j !== i).sort((a, b) => a - b).slice(0, k).reduce((s, x) => s + x, 0));
}

/**
 * Select the m lowest-scoring updates (ties broken by client id, the updates being sorted by it)
 * and average them with the given weighting; m = 1 is Krum.
 */
export function selectByKrum(input: readonly ClientUpdate[], f: number, m: number, weighting: 'size' | 'uniform'): AggregationResult {
  const updates = byClientId(input);
  const scores = krumScores(updates, f);
  const order = updates.map((_, i) => i).sort((a, b) => scores[a] - scores[b] || a - b);
  const chosen = new Set(order.slice(0, Math.max(1, Math.min(m, updates.length))));
  const picked = updates.filter((_, i) => chosen.has(i));
  const alphas = averagingWeights(picked, weighting);
  const weightOf = new Map(picked.map((u, i) => [u.clientId, alphas[i]]));
  return {
    delta: weightedSum(picked.map((u) => u.delta), alphas),
    weights: updates.map((u) => ({ clientId: u.clientId, weight: weightOf.get(u.clientId) ?? 0 })),
    outcomes: updates.map((u, i) => ({ clientId: u.clientId, action: chosen.has(i) ? 'selected' as const : 'discarded' as const, score: scores[i] })),
  };
}

/** Krum (Blanchard et al. 2017; used against attacks by Zhou et al. 2021): Δ = the single update with the lowest score. */
export function createKrum(c: KrumConfig): Aggregator {
  return {
    kind: 'krum',
    aggregate: ({ updates }) => selectByKrum(updates, c.f, 1, 'uniform'),
  };
}
