import * as tf from '@tensorflow/tfjs';
import type { BackdoorSplit } from '../../attacks/backdoorData';
import { keyedBatch } from '../../attacks/poisonedEpisodes';
import type { ExperimentConfig } from '../../config/schema';
import type { ImageDataset } from '../../data/types';
import type { BackdoorScore } from '../reptile/backdoorSuccess';
import { conv4Logits } from '../../model/conv4';
import { toTensors } from '../reptile/learner';
import type { ClassRef } from '../../tasks/classSplit';
import { makeBatch, type Batch } from '../../tasks/episodes';
import { createRng } from '../../rng';
import { labelledItems, type LabelledItem } from './trainer';

/** Test batches are classified this many at a time (batch norm uses each batch's statistics). */
const EVAL_BATCH = 100;
/** Seed of the fixed order in which test examples are batched. */
const TEST_ORDER_SEED = 0x7e57;
/** Poisoned examples classified per batch, next to EVAL_BATCH − POISON_SLOTS clean test examples. */
const POISON_SLOTS = 10;

function probabilities(w: readonly tf.Tensor[], b: Batch): Float32Array {
  return tf.tidy(() => {
    const { x, y } = toTensors(b);
    y.dispose();
    return tf.softmax(conv4Logits(w, x)).dataSync() as Float32Array;
  });
}

const argmax = (p: Float32Array, row: number, k: number): number => {
  let best = 0;
  for (let j = 1; j < k; j++) if (p[row * k + j] > p[row * k + best]) best = j;
  return best;
};

/**
 * The test examples of `refs` in a fixed pseudo-random order (refs list them class by class, and a
 * batch of one class would give batch norm one class's statistics).
 */
function mixed(ds: ImageDataset, refs: readonly ClassRef[], limit = Infinity): LabelledItem[] {
  return createRng(TEST_ORDER_SEED).shuffle(labelledItems(ds, refs)).slice(0, limit);
}

/** Accuracy of θ on the test examples `refs` (the first `limit` in a fixed mixed order), in batches of 100. */
export function testAccuracy(theta: readonly tf.Tensor[], ds: ImageDataset, refs: readonly ClassRef[], ways: number, limit?: number): number {
  const items = mixed(ds, refs, limit);
  let ok = 0;
  for (let i = 0; i < items.length; i += EVAL_BATCH) {
    const chunk = items.slice(i, i + EVAL_BATCH);
    const p = probabilities(theta, makeBatch(ds, chunk.map((it) => ({ ...it, rotation: 0 }))));
    chunk.forEach((it, r) => { if (argmax(p, r, ways) === it.label) ok++; });
  }
  return items.length ? ok / items.length : 0;
}

/**
 * Attack success of the global model in supervised mode (no fine-tuning): the fraction of the
 * attacker's poisoned examples (train) and of held-out poisoned examples (val) classified as
 * supervised.attackTarget, and the mean probability of the target on the attacker's ones
 * (Bhagoji's "confidence"). Poisoned examples are classified 10 at a time inside batches of
 * clean test examples, so batch norm sees mostly clean data; episodeAccuracy is the accuracy on
 * those clean examples.
 */
export function supervisedBackdoor(theta: readonly tf.Tensor[], ds: ImageDataset, c: ExperimentConfig, test: readonly ClassRef[], bd: BackdoorSplit): BackdoorScore {
  if (c.attack.kind === 'none') throw new Error('supervisedBackdoor needs an attack config');
  const a = c.attack;
  const target = c.supervised.attackTarget, ways = c.task.ways;
  const clean = mixed(ds, test);
  const fill = EVAL_BATCH - POISON_SLOTS;
  let cursor = 0, cleanOk = 0, cleanN = 0, conf = 0;
  const rates = [bd.attackerBackdoors, bd.heldOut].map((refs, s) => {
    const poison = keyedBatch(ds, refs, a, () => target);
    const px = poison.side * poison.side;
    let hits = 0;
    for (let i = 0; i < poison.n; i += POISON_SLOTS) {
      const rows = Math.min(POISON_SLOTS, poison.n - i);
      const base = Array.from({ length: fill }, () => clean[cursor++ % clean.length]);
      const b = makeBatch(ds, base.map((it) => ({ ...it, rotation: 0 })));
      const x = new Float32Array((fill + rows) * px);
      x.set(b.x);
      x.set(poison.x.subarray(i * px, (i + rows) * px), fill * px);
      const p = probabilities(theta, { x, y: new Int32Array(fill + rows), n: fill + rows, side: poison.side });
      base.forEach((it, r) => { if (argmax(p, r, ways) === it.label) cleanOk++; cleanN++; });
      for (let r = fill; r < fill + rows; r++) {
        if (argmax(p, r, ways) === target) hits++;
        if (s === 0) conf += p[r * ways + target];
      }
    }
    return { rate: poison.n ? hits / poison.n : 0, n: poison.n };
  });
  return {
    train: rates[0].rate,
    val: rates[1].rate,
    confidence: rates[0].n ? conf / rates[0].n : 0,
    episodeAccuracy: cleanN ? cleanOk / cleanN : 0,
    episodes: 1,
  };
}
