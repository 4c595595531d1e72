import type { AggregatorConfig } from '../../config/schema';
import { weightedSum } from '../../model/vec';
import type { Aggregator } from './types';

type FedAvgConfig = Extract<AggregatorConfig, { kind: 'fedavg' }>;

/** FedAvg: Δ = Σ α_i δ_i with α_i = |D_i| / Σ_j |D_j| or uniform. */
export function createFedAvg(c: FedAvgConfig): Aggregator {
  return {
    kind: 'fedavg',
    aggregate({ updates }) {
      const total = updates.reduce((s, u) => s + u.numExamples, 0);
      const alphas = updates.map((u) => (c.weighting === 'size' && total > 0 ? u.numExamples / total : 1 / updates.length));
      return {
        delta: weightedSum(updates.map((u) => u.delta), alphas),
        weights: updates.map((u, i) => ({ clientId: u.clientId, weight: alphas[i] })),
      };
    },
  };
}
