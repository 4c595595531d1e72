import type { ImageDataset } from '../data/types';
import { accuracy } from '../reptile/learner';
import type { ClassRef, TaskSplit } from '../tasks/classSplit';
import { episodeFrom, sampleEpisode, type Batch, type Episode } from '../tasks/episodes';
import type { FineTuneEpisode, FineTuneMetric, FineTuneTasks, Probe } from './types';

/** Accuracy of the predictions on a labelled batch. */
export const accuracyProbe = (metric: FineTuneMetric, batch: Batch): Probe => ({
  metric,
  score: (classify) => accuracy(classify(batch), batch.y),
});

/**
 * Backdoor inputs the attack wants classified as its target (Chen et al.'s attack-training and
 * attack-validation sets): images only, row-major N×side×side in [0, 1].
 */
export interface BackdoorSet {
  metric: Extract<FineTuneMetric, 'attackTrainSuccess' | 'attackValSuccess'>;
  x: Float32Array;
  n: number;
}

/** What fine-tuning episodes need to know about an attack to measure it. */
export interface AttackProbes {
  /** The target class (benign examples): part of every main-task episode. */
  target: ClassRef;
  /** Classes added with correct labels to every main-task episode (scenario (c): the backdoor classes). */
  alsoInclude?: ClassRef[];
  sets: BackdoorSet[];
}

/**
 * Attack success: the fraction of backdoor images classified as the target. Each backdoor image
 * is shown in place of the target class's query in the episode's query batch, so it is
 * classified within an ordinary N-example query batch (batch norm uses the query batch's
 * statistics) rather than in a batch of backdoor images only.
 */
export function backdoorProbe(set: BackdoorSet, query: Batch, targetLabel: number): Probe {
  const px = query.side * query.side;
  const slot = query.y.indexOf(targetLabel);
  if (slot < 0) throw new Error('the episode has no query of the target class');
  return {
    metric: set.metric,
    score(classify) {
      let hits = 0;
      for (let k = 0; k < set.n; k++) {
        const x = query.x.slice();
        x.set(set.x.subarray(k * px, (k + 1) * px), slot * px);
        if (classify({ ...query, x })[slot] === targetLabel) hits++;
      }
      return set.n ? hits / set.n : 0;
    },
  };
}

/**
 * The paper's fine-tuning episodes for user `user`: a K-shot N-way main-task episode over the
 * user's own meta-training classes (always including the target class when an attack is probed)
 * with one held-out query per class, and a meta-testing episode over classes never used in
 * meta-training.
 */
export function fineTuneTasks(ds: ImageDataset, split: TaskSplit, o: { ways: number; shots: number }, attack?: AttackProbes): FineTuneTasks {
  const opts = { ways: o.ways, shots: o.shots, queries: 1, querySource: 'train' as const };
  return {
    draw(user, rng) {
      const pool = split.users[user];
      const forced = attack ? [attack.target, ...(attack.alsoInclude ?? [])].slice(0, o.ways) : [];
      const others = rng.sample(pool.length, o.ways - forced.length).map((i) => pool[i]);
      const main: Episode = episodeFrom(ds, rng.shuffle([...forced, ...others]), opts, rng);
      const mainProbes: Probe[] = [accuracyProbe('mainTaskAccuracy', main.query)];
      if (attack) {
        const label = main.classes.indexOf(attack.target);
        for (const set of attack.sets) mainProbes.push(backdoorProbe(set, main.query, label));
      }
      const test = sampleEpisode(ds, split.metaTest, opts, rng);
      const episodes: FineTuneEpisode[] = [
        { support: main.support, probes: mainProbes },
        { support: test.support, probes: [accuracyProbe('metaTestAccuracy', test.query)] },
      ];
      return episodes;
    },
  };
}
