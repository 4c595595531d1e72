import type { AggregatorConfig } from '../../config/schema';
import { selectByKrum } from './krum';
import type { Aggregator } from './types';

type MultiKrumConfig = Extract<AggregatorConfig, { kind: 'multi-krum' }>;

/**
 * Multi-Krum (Blanchard et al. 2017): average the m updates with the lowest Krum scores
 * (m = n − f when not set), interpolating between Krum (m = 1) and FedAvg (m = n).
 */
export function createMultiKrum(c: MultiKrumConfig): Aggregator {
  return {
    kind: 'multi-krum',
    aggregate: ({ updates }) => selectByKrum(updates, c.f, c.select ?? Math.max(1, updates.length - c.f), c.weighting),
  };
}
