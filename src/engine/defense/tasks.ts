import type { ImageDataset } from '../data/types';
import { accuracy } from '../learners/reptile/learner';
import type { ClassRef, TaskSplit } from '../tasks/classSplit';
import { episodeFrom, sampleEpisode, type Batch, type Episode } from '../tasks/episodes';
import type { FineTuneEpisode, FineTuneMetric, FineTuneTasks, Probe } from './types';

/** Accuracy of the predictions on a labelled batch. */
export const accuracyProbe = (metric: FineTuneMetric, batch: Batch): Probe => ({
  metric,
  score: (classify) => accuracy(classify(batch), batch.y),
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
  /** Put the targets on the last outputs, where the attacker put them (attack.targetLabel 'last'); else anywhere. */
  targetsLast?: boolean;
  sets: BackdoorSet[];
}

/** `query` with row `row` of `extra` appended as one more example. */
function withExtra(query: Batch, extra: Batch, row: number): Batch {
  const px = query.side * query.side;
  const x = new Float32Array((query.n + 1) * px);
  x.set(query.x);
  x.set(extra.x.subarray(row * px, (row + 1) * px), query.n * px);
  const y = new Int32Array(query.n + 1);
  y.set(query.y);
  y[query.n] = -1;
  return { x, y, n: query.n + 1, side: query.side };
}

/**
 * Attack success: the fraction of backdoor images classified as their target. As in the
 * evaluator's attack metric (eval/backdoor.ts), each backdoor image is classified as one more
 * query next to the episode's N queries, so batch norm sees an ordinary query batch rather than
 * a batch of backdoor images only. `labelOf[t]` is target t's label in the episode.
 */
export function backdoorProbe(set: BackdoorSet, query: Batch, labelOf: readonly number[]): Probe {
  return {
    metric: set.metric,
    score(classify) {
      let hits = 0;
      for (let r = 0; r < set.batch.n; r++) if (classify(withExtra(query, set.batch, r))[query.n] === labelOf[set.batch.y[r]]) hits++;
      return set.batch.n ? hits / set.batch.n : 0;
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
