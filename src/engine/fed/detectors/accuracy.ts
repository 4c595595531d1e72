import type { DetectorsConfig } from '../../config/schema';
import { add } from '../../model/vec';
import { median } from '../pairwise';
import type { Detector } from './types';

type AccuracyConfig = DetectorsConfig['accuracy'];

/**
 * Accuracy checking (Bhagoji et al. 2019, 3.3.1): the server measures the validation accuracy of
 * θ_G + δ_i on its own episodes and flags an update whose accuracy is more than `maxDrop` below
 * the median accuracy of the other updates (below θ_G's own accuracy when it is the only one).
 */
export function createAccuracyDetector(c: AccuracyConfig): Detector {
  return {
    kind: 'accuracy',
    async detect({ global, updates }, server) {
      if (!server) throw new Error('the accuracy detector needs the server\'s validation episodes (none were given to the coordinator)');
      const o = { episodes: c.episodes, steps: c.steps };
      const baseline = await server.accuracy(global, o);
      const accs: number[] = [];
      for (const u of updates) accs.push(await server.accuracy(add(global, u.delta), o));
      return {
        kind: 'accuracy',
        reject: c.mode === 'reject',
        baseline,
        verdicts: updates.map((u, i) => {
          const reference = updates.length > 1 ? median(accs.filter((_, j) => j !== i)) : baseline;
          return { clientId: u.clientId, value: accs[i], reference, flagged: accs[i] < reference - c.maxDrop };
        }),
      };
    },
  };
}
