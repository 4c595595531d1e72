import type { DetectorsConfig } from '../../config/schema';
import { median, pairwiseSquaredDistances } from '../pairwise';
import type { Detector } from './types';

type DistanceConfig = DetectorsConfig['distance'];

/**
 * Pairwise-distance outliers (Bhagoji et al. 2019, 3.3.2): the server computes the distances
 * between all updates of the round and flags those "much closer or much farther away than the
 * others". The statistic compares each update's distance to its nearest other update with the
 * typical nearest-neighbour distance of the round:
 *   r_i = min_{j≠i} ‖δ_i − δ_j‖ / median_k min_{j≠k} ‖δ_k − δ_j‖,
 * flagged when r_i > factor (an update far from all others, e.g. a boosted one) or r_i < 1/factor
 * (two updates much closer to each other than updates usually are, e.g. copies). The median is
 * robust while fewer than half the updates are odd; with 3 updates, two benign ones and a far
 * attacker, the benign pair gets r = 1 exactly. Needs 3 updates; with fewer nothing is flagged.
 */
export function createDistanceDetector(c: DistanceConfig): Detector {
  return {
    kind: 'distance',
    async detect({ updates }) {
      const n = updates.length;
      const d = pairwiseSquaredDistances(updates.map((u) => u.delta)).map((row) => row.map(Math.sqrt));
      const nearest = d.map((row, i) => Math.min(...row.filter((_, j) => j !== i)));
      const reference = median(nearest);
      return {
        kind: 'distance',
        reject: c.mode === 'reject',
        verdicts: updates.map((u, i) => {
          if (n < 3) return { clientId: u.clientId, value: 1, reference: null, flagged: false };
          const value = reference > 0 ? nearest[i] / reference : nearest[i] > 0 ? Infinity : 1;
          return { clientId: u.clientId, value, reference, flagged: value > c.factor || value < 1 / c.factor };
        }),
      };
    },
  };
}
