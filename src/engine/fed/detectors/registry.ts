import type { DetectorsConfig } from '../../config/schema';
import { createAccuracyDetector } from './accuracy';
import { createDistanceDetector } from './distance';
import type { Detector } from './types';

export type DetectorKind = keyof DetectorsConfig;
type Factories = { [K in DetectorKind]: (c: DetectorsConfig[K]) => Detector };

/** Every server-side detector, by name: a detector in the schema without a factory fails to compile. */
export const detectors: Factories = {
  accuracy: createAccuracyDetector,
  distance: createDistanceDetector,
};

/** The detectors that are not off, in schema order. */
export function activeDetectors(c: DetectorsConfig): Detector[] {
  return (Object.keys(detectors) as DetectorKind[])
    .filter((k) => c[k].mode !== 'off')
    .map((k) => (detectors[k] as (c: DetectorsConfig[DetectorKind]) => Detector)(c[k]));
}
