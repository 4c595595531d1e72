import type { ImageDataset } from '../data/types';
import { argmaxRow, probeBackdoor } from '../tasks/backdoorProbe';
import type { TaskSplit } from '../tasks/classSplit';
import type { ClassRef } from '../data/classRef';
import { episodeFrom, sampleEpisode, type Episode } from '../tasks/episodes';
import type { Batch } from '../data/batch';
import type { FineTuneEpisode, FineTuneMetric, FineTuneTasks, Probe } from './types';

/** Accuracy of the predictions on a labelled batch. */
export const accuracyProbe = (metric: FineTuneMetric, batch: Batch): Probe => ({
  metric,
  async score(classify) {
    const p = await classify(batch);
    const ways = p.length / batch.n;
    let ok = 0;
    for (let r = 0; r < batch.n; r++) if (argmaxRow(p, r, ways) === batch.y[r]) ok++;
    return batch.n ? ok / batch.n : 0;
  },
});

/**
 * Backdoor inputs the attack wants classified as a target (Chen et al.'s attack-training and
 * attack-validation sets): keyed images, with y[r] the index (into AttackProbes.targets) of the
 * target that image r is meant to be mistaken for.
 */
export interface BackdoorSet {
  metric: Extract<FineTuneMetric, 'attackTrainSuccess' | 'attackValSuccess'>;
  batch: Batch;
}

/** What fine-tuning episodes need to know about an attack to measure it. */
export interface AttackProbes {
  /** The target classes (benign examples): part of every main-task episode. */
  targets: ClassRef[];
  /** Classes added with correct labels to every main-task episode (scenario (c): the backdoor classes). */
  alsoInclude?: ClassRef[];
  /** Put the targets on the last outputs, where the attacker put them (eval.attackTargetPlacement 'last'); else anywhere. */
  targetsLast?: boolean;
  sets: BackdoorSet[];
}

/**
 * Attack success during fine-tuning, measured like the evaluator's (tasks/backdoorProbe.ts): each
 * backdoor image is classified as one more query next to the episode's N queries. `labelOf[t]` is
 * target t's label in the episode.
 */
export function backdoorProbe(set: BackdoorSet, query: Batch, labelOf: readonly number[]): Probe {
  return {
    metric: set.metric,
    async score(classify) {
      const r = await probeBackdoor(set.batch, { context: () => query, slots: 1, labelOf: (t) => labelOf[t], probabilities: classify });
      return r.n ? r.hits / r.n : 0;
    },
  };
}

/**
 * The paper's fine-tuning episodes for user `user`: a K-shot N-way main-task episode over the
 * user's own meta-training classes (always including the target class when an attack is probed,
 * on the last output when the attacker put it there, as the evaluator's attack episodes do) with
 * one held-out query per class, and a meta-testing episode over classes never used in
 * meta-training.
 */
export function fineTuneTasks(ds: ImageDataset, split: TaskSplit, o: { ways: number; shots: number }, attack?: AttackProbes): FineTuneTasks {
  const opts = { ways: o.ways, shots: o.shots, queries: 1, querySource: 'train' as const };
  return {
    draw(user, rng) {
      const pool = split.users[user];
      const targets = attack?.targets.slice(0, o.ways) ?? [];
      const extra = (attack?.alsoInclude ?? []).slice(0, o.ways - targets.length);
      const others = rng.sample(pool.length, o.ways - targets.length - extra.length).map((i) => pool[i]);
      const classes = attack?.targetsLast ? [...rng.shuffle([...extra, ...others]), ...targets] : rng.shuffle([...targets, ...extra, ...others]);
      const main: Episode = episodeFrom(ds, classes, opts, rng);
      const mainProbes: Probe[] = [accuracyProbe('mainTaskAccuracy', main.query)];
      if (attack) {
        const labelOf = attack.targets.map((t) => main.classes.indexOf(t));
        for (const set of attack.sets) mainProbes.push(backdoorProbe(set, main.query, labelOf));
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
