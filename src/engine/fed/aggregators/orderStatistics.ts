import type { ClientUpdate } from '../client';
import { byClientId, type AggregationResult } from './types';

/**
 * Coordinate-wise L-estimators: for every coordinate j the n values δ_1j … δ_nj are sorted and
 * Δ_j = Σ_r w_r · δ_(r)j, with w_r the weight of the r-th smallest value. The coordinate-wise
 * median and the trimmed mean (Yin et al. 2018) are both of this form. Ties are broken by client
 * id, so the result and the per-client report never depend on the order the updates arrived in.
 *
 * Per client, `share` is the fraction of coordinates where its value got a non-zero weight and
 * `weight` the average weight it got, so the weights of all clients sum to 1.
 */
export function orderStatistic(input: readonly ClientUpdate[], rankWeights: (n: number) => number[]): AggregationResult {
  const updates = byClientId(input);
  const n = updates.length;
  const w = rankWeights(n);
  if (w.length !== n) throw new Error(`rank weights for ${n} updates have length ${w.length}`);
  const dim = updates[0].delta.length;
  for (const u of updates) if (u.delta.length !== dim) throw new Error(`update of client ${u.clientId} has ${u.delta.length} values, expected ${dim}`);
  const out = new Float32Array(dim);
  const used = new Float64Array(n);
  const weightSum = new Float64Array(n);
  const idx = new Int32Array(n);
  const vals = new Float64Array(n);
  for (let j = 0; j < dim; j++) {
    for (let i = 0; i < n; i++) { idx[i] = i; vals[i] = updates[i].delta[j]; }
    // insertion sort by (value, client) — n is small (the updates of one round)
    for (let a = 1; a < n; a++) {
      const t = idx[a];
      let b = a - 1;
      while (b >= 0 && (vals[idx[b]] > vals[t] || (vals[idx[b]] === vals[t] && idx[b] > t))) { idx[b + 1] = idx[b]; b--; }
      idx[b + 1] = t;
    }
    let s = 0;
    for (let r = 0; r < n; r++) {
      if (w[r] === 0) continue;
      const i = idx[r];
      s += w[r] * vals[i];
      used[i] += 1;
      weightSum[i] += w[r];
    }
    out[j] = s;
  }
  const safe = dim || 1;
  return {
    delta: out,
    weights: updates.map((u, i) => ({ clientId: u.clientId, weight: weightSum[i] / safe })),
    outcomes: updates.map((u, i) => {
      const share = used[i] / safe;
      return { clientId: u.clientId, action: share === 0 ? 'discarded' as const : share === 1 ? 'kept' as const : 'partial' as const, share };
    }),
  };
}

/** Rank weights of the median: the middle value, or half each of the two middle values. */
export function medianRanks(n: number): number[] {
  const w = new Array<number>(n).fill(0);
  if (n % 2) w[(n - 1) / 2] = 1;
  else w[n / 2 - 1] = w[n / 2] = 0.5;
  return w;
}

/** Rank weights of the β-trimmed mean: drop the k = ⌊β·n⌋ smallest and largest values, average the rest. */
export function trimmedRanks(n: number, beta: number): number[] {
  const k = Math.min(Math.floor(beta * n), Math.floor((n - 1) / 2));
  return Array.from({ length: n }, (_, r) => (r >= k && r < n - k ? 1 / (n - 2 * k) : 0));
}
