import type { AggregatorConfig } from '../../config/schema';
import { medianRanks, orderStatistic } from './orderStatistics';
import type { Aggregator } from './types';

type MedianConfig = Extract<AggregatorConfig, { kind: 'median' }>;

/**
 * Coordinate-wise median (Yin et al. 2018): Δ_j = median_i δ_ij. One update, however large,
 * can only move each coordinate to the neighbouring value among the others.
 */
export function createMedian(_c: MedianConfig): Aggregator {
  return {
    kind: 'median',
    aggregate: ({ updates }) => orderStatistic(updates, medianRanks),
  };
}
