import type { AggregatorConfig } from '../../config/schema';
import { weightedSum } from '../../model/vec';
import { averagingWeights, byClientId, type Aggregator } from './types';

type FedAvgConfig = Extract<AggregatorConfig, { kind: 'fedavg' }>;

/** FedAvg: Δ = Σ α_i δ_i with α_i = |D_i| / Σ_j |D_j| or uniform. */
export function createFedAvg(c: FedAvgConfig): Aggregator {
  return {
    kind: 'fedavg',
    aggregate(input) {
      const updates = byClientId(input.updates);
      const alphas = averagingWeights(updates, c.weighting);
      return {
        delta: weightedSum(updates.map((u) => u.delta), alphas),
        weights: updates.map((u, i) => ({ clientId: u.clientId, weight: alphas[i] })),
        outcomes: updates.map((u) => ({ clientId: u.clientId, action: 'kept' as const })),
      };
    },
  };
}
