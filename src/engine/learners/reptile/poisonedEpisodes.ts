import type { ActiveAttackConfig } from '../../config/schema';
import type { ImageDataset } from '../../data/types';
import type { EpisodeSource } from '../types';
import type { Rng } from '../../rng';
import type { ClassRef } from '../../data/classRef';
import { makeBatch, type Batch } from '../../data/batch';
import type { BackdoorSplit } from '../../data/backdoorSplit';
import { applyKey, keyMaskFor } from '../../data/key';

export interface PoisonedEpisodeOptions {
  ways: number;
  shots: number;
  /** X_T : X_B in the target slot (Chen: 2 : 3). */
  mix: { target: number; backdoor: number };
  targetLabel: 'last' | 'random';
}

export interface Item { index: number; rotation: number; label: number; keyed: boolean }

/** `n` picks from `pool`: distinct while possible, then cycling through fresh shuffles. */
export function draw(pool: readonly number[], n: number, rng: Rng): number[] {
  const out: number[] = [];
  while (out.length < n) out.push(...rng.shuffle([...pool]).slice(0, n - out.length));
  return out;
}

/**
 * Chen et al.'s poisoned episodes (section 3): N − 1 random classes of the attacker's own pool
 * with K examples each, plus the target class as the N-th output, whose K examples are drawn from
 * X_T (clean target examples) and X_B (backdoor examples with the key) in the configured ratio —
 * with the paper's X_B : X_T = 2 : 3, 4 keyed and 6 clean of K = 10. With several targets, one is picked per episode with the backdoor
 * classes mapped to it.
 */
export function poisonedEpisodes(ds: ImageDataset, pool: readonly ClassRef[], bd: BackdoorSplit, a: ActiveAttackConfig, o: PoisonedEpisodeOptions): EpisodeSource {
  const mask = keyMaskFor(a.key, ds);
  if (pool.length < o.ways - 1) throw new RangeError(`task.ways (${o.ways}) − 1 is larger than the attacker's ${pool.length} classes`);
  const nT = Math.round((o.shots * o.mix.target) / (o.mix.target + o.mix.backdoor));
  return {
    next(rng: Rng): Batch {
      const t = rng.int(bd.attackerTargets.length);
      const xt = bd.attackerTargets[t].train;
      const xb = bd.attackerBackdoors.filter((_, j) => bd.targetOf[j] === t).flatMap((r) => r.train);
      const label = o.targetLabel === 'last' ? o.ways - 1 : rng.int(o.ways);
      const others = rng.sample(pool.length, o.ways - 1).map((i) => pool[i]);
      const items: Item[] = [];
      others.forEach((c, k) => {
        const l = k < label ? k : k + 1;
        for (const i of rng.sample(c.train.length, Math.min(o.shots, c.train.length))) items.push({ index: c.train[i], rotation: c.rotation, label: l, keyed: false });
      });
      const fromT = xt.length ? nT : 0;
      for (const index of draw(xt, fromT, rng)) items.push({ index, rotation: 0, label, keyed: false });
      for (const index of draw(xb, o.shots - fromT, rng)) items.push({ index, rotation: 0, label, keyed: true });
      rng.shuffle(items);
      const batch = makeBatch(ds, items);
      items.forEach((it, k) => it.keyed && applyKey(batch.x, k, mask));
      return batch;
    },
  };
}

/**
 * The label order of an evaluation episode with the attack's targets (eval.attackTargetPlacement):
 * random, or the other classes shuffled first and the targets on the last outputs ('last', where
 * the attacker's poisoned episodes put the target by default).
 */
export function attackEpisodeClasses(targets: readonly ClassRef[], others: readonly ClassRef[], placement: 'last' | 'random', rng: Rng): ClassRef[] {
  return placement === 'random' ? rng.shuffle([...targets, ...others]) : [...rng.shuffle([...others]), ...targets];
}

/** Mixes two episode sources, alternating (Bhagoji's concatenated training in meta-learning). */
export const alternateSources = (a: EpisodeSource, b: EpisodeSource): EpisodeSource => {
  let turn = 0;
  return { next: (rng) => (turn++ % 2 === 0 ? a : b).next(rng) };
};
