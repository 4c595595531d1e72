import type { AggregatorConfig } from '../../config/schema';
import { orderStatistic, trimmedRanks } from './orderStatistics';
import type { Aggregator } from './types';

type TrimmedMeanConfig = Extract<AggregatorConfig, { kind: 'trimmed-mean' }>;

/**
 * Coordinate-wise β-trimmed mean (Yin et al. 2018): in every coordinate drop the ⌊β·n⌋ largest
 * and smallest values and average the others. With the paper's 3 updates per round, β ≥ 1/3
 * trims one value at each end (the median); smaller β trims nothing (the uniform mean).
 */
export function createTrimmedMean(c: TrimmedMeanConfig): Aggregator {
  return {
    kind: 'trimmed-mean',
    aggregate: ({ updates }) => orderStatistic(updates, (n) => trimmedRanks(n, c.beta)),
  };
}
