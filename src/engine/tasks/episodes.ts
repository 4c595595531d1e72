import type { ImageDataset } from '../data/types';
import type { Rng } from '../rng';
import type { ClassRef } from '../data/classRef';
import { makeBatch, type Batch } from '../data/batch';

export interface Episode {
  /** K examples per class, shuffled. */
  support: Batch;
  /** Query examples (one per class unless asked otherwise), shuffled. */
  query: Batch;
  /** The episode's classes; label i is classes[i] (a random permutation of the sampled classes). */
  classes: ClassRef[];
}

export interface EpisodeOptions {
  ways: number;
  shots: number;
  /** Query examples per class (0 for meta-training episodes). */
  queries: number;
  /** Where queries come from: other training examples of the class, or its validation examples. */
  querySource: 'train' | 'val';
}

/** Sample an N-way K-shot episode from a pool of classes. */
export function sampleEpisode(ds: ImageDataset, pool: readonly ClassRef[], o: EpisodeOptions, rng: Rng): Episode {
  if (pool.length < o.ways) throw new RangeError(`task.ways (${o.ways}) is larger than the ${pool.length} classes available`);
  const classes = rng.sample(pool.length, o.ways).map((i) => pool[i]);
  return episodeFrom(ds, classes, o, rng);
}

/** An episode over given classes in the given label order. */
export function episodeFrom(ds: ImageDataset, classes: readonly ClassRef[], o: EpisodeOptions, rng: Rng): Episode {
  const support: { index: number; rotation: number; label: number }[] = [];
  const query: typeof support = [];
  classes.forEach((c, label) => {
    const fromTrain = o.shots + (o.querySource === 'train' ? o.queries : 0);
    if (c.train.length < fromTrain)
      throw new RangeError(`class ${c.cls} has ${c.train.length} training examples, the episode needs ${fromTrain}`);
    const picks = rng.sample(c.train.length, fromTrain).map((i) => c.train[i]);
    picks.slice(0, o.shots).forEach((index) => support.push({ index, rotation: c.rotation, label }));
    const q = o.querySource === 'train' ? picks.slice(o.shots) : rng.sample(c.val.length, Math.min(o.queries, c.val.length)).map((i) => c.val[i]);
    q.forEach((index) => query.push({ index, rotation: c.rotation, label }));
  });
  return { support: makeBatch(ds, rng.shuffle(support)), query: makeBatch(ds, rng.shuffle(query)), classes: [...classes] };
}
