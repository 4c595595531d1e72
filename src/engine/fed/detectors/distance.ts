import type { DetectorsConfig } from '../../config/schema';
import { median, pairwiseSquaredDistances } from '../pairwise';
import type { Detector } from './types';

type DistanceConfig = DetectorsConfig['distance'];

/**
 * Pairwise-distance outliers (Bhagoji et al. 2019, 3.3.2): the server computes the distances
 * between all updates of the round and flags those much farther from, or much closer to, the
 * others than the others are among themselves. The statistic is
 *   r_i = median_{j≠i} ‖δ_i − δ_j‖ / median_{j<k; j,k≠i} ‖δ_j − δ_k‖,
 * flagged when r_i > factor or r_i < 1/factor. It needs 3 updates (a pair of others); with fewer,
 * nothing is flagged. With exactly 3, the triangle inequality keeps a benign r_i ≥ 1/2, so a
 * factor ≥ 2 never flags the benign pair as "too close" to each other.
 */
export function createDistanceDetector(c: DistanceConfig): Detector {
  return {
    kind: 'distance',
    async detect({ updates }) {
      const n = updates.length;
      const d = pairwiseSquaredDistances(updates.map((u) => u.delta)).map((row) => row.map(Math.sqrt));
      return {
        kind: 'distance',
        reject: c.mode === 'reject',
        verdicts: updates.map((u, i) => {
          if (n < 3) return { clientId: u.clientId, value: 1, reference: null, flagged: false };
          const own = median(d[i].filter((_, j) => j !== i));
          const among: number[] = [];
          for (let j = 0; j < n; j++) for (let k = j + 1; k < n; k++) if (j !== i && k !== i) among.push(d[j][k]);
          const reference = median(among);
          const value = reference > 0 ? own / reference : own > 0 ? Infinity : 1;
          return { clientId: u.clientId, value, reference, flagged: value > c.factor || value < 1 / c.factor };
        }),
      };
    },
  };
}
