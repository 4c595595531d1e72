import * as tf from '@tensorflow/tfjs';
import { attackEpisodeClasses, keyedBatch } from '../../attacks/poisonedEpisodes';
import type { BackdoorSplit } from '../../attacks/backdoorData';
import type { ExperimentConfig } from '../../config/schema';
import type { ImageDataset } from '../../data/types';
import { conv4Logits } from '../../model/conv4';
import { accuracy, predict, toTensors } from './learner';
import { createRng } from '../../rng';
import type { ClassRef, TaskSplit } from '../../tasks/classSplit';
import { episodeFrom, type Batch } from '../../tasks/episodes';
import { adapt } from './fewShot';

/** Attack success after fine-tuning (Chen et al. section 4, "Attack Evaluation"). */
export interface BackdoorScore {
  /** Fraction of the attacker's keyed backdoor examples classified as their target. */
  train: number;
  /** Same for held-out backdoor examples with the key. */
  val: number;
  /** Mean softmax probability of the target class on the attacker's keyed examples (Bhagoji's confidence in the target). */
  confidence: number;
  /** Accuracy on the episodes' own queries (main-task accuracy with the target class present). */
  episodeAccuracy: number;
  episodes: number;
}

function concat(a: Batch, b: Batch, row: number): Batch {
  const px = a.side * a.side;
  const x = new Float32Array((a.n + 1) * px);
  x.set(a.x);
  x.set(b.x.subarray(row * px, (row + 1) * px), a.n * px);
  const y = new Int32Array(a.n + 1);
  y.set(a.y);
  y[a.n] = b.y[row];
  return { x, y, n: a.n + 1, side: a.side };
}

/** Softmax probabilities of the last example of `batch` (normalised with the batch's statistics). */
function lastProbs(w: readonly tf.Tensor[], batch: Batch): Float32Array {
  return tf.tidy(() => {
    const { x, y } = toTensors(batch);
    y.dispose();
    const p = tf.softmax(conv4Logits(w, x));
    return p.slice([batch.n - 1, 0], [1, -1]).dataSync() as Float32Array;
  });
}

/**
 * For each episode: N-way K-shot over the target class(es) with benign examples, in scenario (c)
 * the backdoor classes with correct labels too, and random meta-training classes for the rest,
 * in a random label order (with targetLabel 'last' the targets take the last outputs, where the
 * attacker put them); θ is fine-tuned on the support set, then every keyed backdoor example
 * is classified as one more query next to the episode's N queries (batch norm uses the batch's
 * statistics, so a backdoor image is judged the way a user's query batch would see it).
 */
export function backdoorSuccess(theta: readonly tf.Tensor[], ds: ImageDataset, c: ExperimentConfig, split: TaskSplit, bd: BackdoorSplit, o: { episodes: number; steps: number; seed: number }): BackdoorScore {
  if (c.attack.kind === 'none') throw new Error('backdoorSuccess needs an attack config');
  const a = c.attack;
  const rng = createRng(o.seed);
  const pool = split.users.flat();
  const fixed: ClassRef[] = [...bd.targets, ...(a.scenario === 'c' ? bd.backdoors.slice(0, c.task.ways - bd.targets.length) : [])];
  const sets = [bd.attackerBackdoors, bd.heldOut].map((refs) => keyedBatch(ds, refs, a, (j) => bd.targetOf[j]));
  const hits = [0, 0];
  let conf = 0, acc = 0;
  for (let e = 0; e < o.episodes; e++) {
    const others = rng.sample(pool.length, c.task.ways - fixed.length).map((i) => pool[i]);
    const classes = attackEpisodeClasses(bd.targets, [...fixed.slice(bd.targets.length), ...others], a.targetLabel, rng);
    const labelOf = bd.targets.map((t) => classes.indexOf(t));
    const ep = episodeFrom(ds, classes, { ways: c.task.ways, shots: c.task.testShots, queries: 1, querySource: 'train' }, rng);
    const w = adapt(theta, ep.support, o.steps, c.reptile, rng);
    acc += accuracy(predict(w, ep.query), ep.query.y);
    sets.forEach((set, s) => {
      for (let r = 0; r < set.n; r++) {
        const p = lastProbs(w, concat(ep.query, set, r));
        const target = labelOf[set.y[r]];
        if (p.indexOf(Math.max(...p)) === target) hits[s]++;
        if (s === 0) conf += p[target];
      }
    });
    tf.dispose(w);
  }
  const n = o.episodes;
  return { train: hits[0] / (n * sets[0].n), val: hits[1] / (n * sets[1].n), confidence: conf / (n * sets[0].n), episodeAccuracy: acc / n, episodes: n };
}
