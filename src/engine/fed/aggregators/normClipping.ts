import type { AggregatorConfig } from '../../config/schema';
import { norm, weightedSum } from '../../model/vec';
import { averagingWeights, byClientId, type Aggregator } from './types';

type NormClippingConfig = Extract<AggregatorConfig, { kind: 'norm-clipping' }>;

/**
 * Norm clipping (Sun et al. 2019, the "norm bounded" defense Zhou et al. 2021 attack):
 * δ_i ← δ_i / max(1, ‖δ_i‖₂ / M), then Δ = Σ α_i δ_i. Every clipped update has norm ≤ M, so a
 * boosted update moves θ_G by at most α_i·M.
 */
export function createNormClipping(c: NormClippingConfig): Aggregator {
  return {
    kind: 'norm-clipping',
    aggregate(input) {
      const updates = byClientId(input.updates);
      const factors = updates.map((u) => 1 / Math.max(1, norm(u.delta) / c.maxNorm));
      const alphas = averagingWeights(updates, c.weighting);
      return {
        delta: weightedSum(updates.map((u) => u.delta), alphas.map((a, i) => a * factors[i])),
        weights: updates.map((u, i) => ({ clientId: u.clientId, weight: alphas[i] })),
        outcomes: updates.map((u, i) => ({ clientId: u.clientId, action: factors[i] < 1 ? 'clipped' as const : 'kept' as const, factor: factors[i] })),
      };
    },
  };
}
