import type { DetectorConfig } from '../../config/schema';
import { createAccuracyDetector } from './accuracy';
import { createDistanceDetector } from './distance';
import type { Detector } from './types';

type Factories = { [K in DetectorConfig['kind']]: (c: Extract<DetectorConfig, { kind: K }>) => Detector };

/** Every server-side detector, by kind: a kind in the schema without a factory fails to compile. */
export const detectors: Factories = {
  accuracy: createAccuracyDetector,
  distance: createDistanceDetector,
};

export function createDetector(c: DetectorConfig): Detector {
  const make = detectors[c.kind] as (c: DetectorConfig) => Detector;
  return make(c);
}
