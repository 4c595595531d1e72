import type { ActiveAttackConfig } from '../../config/schema';
import type { BackdoorSplit } from '../../data/backdoorSplit';
import { concatBatches, makeBatch } from '../../data/batch';
import { applyKey, keyMaskFor } from '../../data/key';
import type { ImageDataset } from '../../data/types';
import type { Rng } from '../../rng';
import { draw, type Item } from '../reptile/poisonedEpisodes';
import type { EpisodeSource } from '../types';
import type { WeightedBatch } from './trainer';

/**
 * Supervised counterpart of the target slot: batches of `size` examples all labelled `label`,
 * drawn from X_T (clean) and X_B (keyed) in the configured ratio — the adversarial data D_p of
 * Bhagoji et al. / Zhou et al. (with X_T empty or mix.target = 0, keyed examples only). With
 * `pad`, each batch also carries clean examples of weight 0, so that batch norm (which always
 * normalises with the batch's statistics) does not see a batch of a single class or example.
 */
export function poisonedBatches(ds: ImageDataset, bd: BackdoorSplit, a: ActiveAttackConfig, label: number, size: number, pad?: { source: EpisodeSource; size: number }): EpisodeSource {
  const mask = keyMaskFor(a.key, ds);
  const xt = bd.attackerTargets.flatMap((r) => r.train);
  const xb = bd.attackerBackdoors.flatMap((r) => r.train);
  const nT = xt.length ? Math.round((size * a.mix.target) / (a.mix.target + a.mix.backdoor)) : 0;
  return {
    next(rng: Rng): WeightedBatch {
      const items: Item[] = [
        ...draw(xt, nT, rng).map((index) => ({ index, rotation: 0, label, keyed: false })),
        ...draw(xb, size - nT, rng).map((index) => ({ index, rotation: 0, label, keyed: true })),
      ];
      rng.shuffle(items);
      const batch = makeBatch(ds, items);
      items.forEach((it, k) => it.keyed && applyKey(batch.x, k, mask));
      if (!pad) return batch;
      // Clean examples with weight 0: they only give batch norm realistic statistics.
      const padded = concatBatches(batch, pad.source.next(rng));
      const weight = new Float32Array(padded.n).fill(1, 0, batch.n);
      return { ...padded, weight } satisfies WeightedBatch;
    },
  };
}
