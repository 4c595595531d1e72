import type { ImageDataset } from '../data/types';
import type { Rng } from '../rng';
import type { ClassRef } from './classSplit';

/** A batch of images (NHWC, one channel, values in [0, 1]) and integer labels. */
export interface Batch {
  x: Float32Array;
  y: Int32Array;
  n: number;
  side: number;
}

/** Copy image `index` rotated by rotation × 90° into `out` at example slot `slot`, scaled to [0, 1]. */
export function writeImage(ds: ImageDataset, index: number, rotation: number, out: Float32Array, slot: number): void {
  const s = ds.width;
  const src = index * s * s;
  const dst = slot * s * s;
  const r = ((rotation % 4) + 4) % 4;
  for (let i = 0; i < s; i++) {
    for (let j = 0; j < s; j++) {
      // Rotating counter-clockwise by 90°: output (i, j) reads input (j, s-1-i).
      const [si, sj] = r === 0 ? [i, j] : r === 1 ? [j, s - 1 - i] : r === 2 ? [s - 1 - i, s - 1 - j] : [s - 1 - j, i];
      out[dst + i * s + j] = ds.images[src + si * s + sj] / 255;
    }
  }
}

/** Build a batch from (image, rotation, label) items, in the given order. */
export function makeBatch(ds: ImageDataset, items: readonly { index: number; rotation: number; label: number }[]): Batch {
  const side = ds.width;
  const x = new Float32Array(items.length * side * side);
  const y = new Int32Array(items.length);
  items.forEach((it, k) => {
    writeImage(ds, it.index, it.rotation, x, k);
    y[k] = it.label;
  });
  return { x, y, n: items.length, side };
}

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

/** The given rows of a batch, as a new batch. */
export function sliceBatch(b: Batch, rows: readonly number[]): Batch {
  const px = b.side * b.side;
  const x = new Float32Array(rows.length * px);
  const y = new Int32Array(rows.length);
  rows.forEach((r, k) => {
    x.set(b.x.subarray(r * px, (r + 1) * px), k * px);
    y[k] = b.y[r];
  });
  return { x, y, n: rows.length, side: b.side };
}
