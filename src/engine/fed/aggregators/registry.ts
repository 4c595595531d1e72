import type { AggregatorConfig } from '../../config/schema';
import { createFedAvg } from './fedavg';
import { createKrum } from './krum';
import { createMedian } from './median';
import { createMultiKrum } from './multiKrum';
import { createNormClipping } from './normClipping';
import { createTrimmedMean } from './trimmedMean';
import type { Aggregator } from './types';

type Factories = { [K in AggregatorConfig['kind']]: (c: Extract<AggregatorConfig, { kind: K }>) => Aggregator };

/** Every aggregation rule, by kind: adding a kind to the schema without a factory fails to compile. */
export const aggregators: Factories = {
  fedavg: createFedAvg,
  krum: createKrum,
  'multi-krum': createMultiKrum,
  median: createMedian,
  'trimmed-mean': createTrimmedMean,
  'norm-clipping': createNormClipping,
};

export function createAggregator(c: AggregatorConfig): Aggregator {
  const make = aggregators[c.kind] as (c: AggregatorConfig) => Aggregator;
  return make(c);
}
