import * as tf from '@tensorflow/tfjs';
import type { BackdoorSplit } from '../../data/backdoorSplit';
import { keyedBatch } from '../../data/key';
import type { ExperimentConfig } from '../../config/schema';
import type { ImageDataset } from '../../data/types';
import { argmaxRow, probeBackdoor } from '../../tasks/backdoorProbe';
import { probabilities } from '../reptile/learner';
import type { AttackConfig, BackdoorScore } from '../types';
import type { ClassRef } from '../../data/classRef';
import { makeBatch } from '../../data/batch';
import { createRng } from '../../rng';
import { labelledItems, type LabelledItem } from './trainer';

/** Test batches are classified this many at a time (batch norm uses each batch's statistics). */
const EVAL_BATCH = 100;
/** Seed of the fixed order in which test examples are batched. */
const TEST_ORDER_SEED = 0x7e57;
/** Poisoned examples classified per batch, next to EVAL_BATCH − POISON_SLOTS clean test examples. */
const POISON_SLOTS = 10;

/**
 * The test examples of `refs` in a fixed pseudo-random order (refs list them class by class, and a
 * batch of one class would give batch norm one class's statistics).
 */
function mixed(ds: ImageDataset, refs: readonly ClassRef[], limit = Infinity): LabelledItem[] {
  return createRng(TEST_ORDER_SEED).shuffle(labelledItems(ds, refs)).slice(0, limit);
}

/** Accuracy of θ on the test examples `refs` (the first `limit` in a fixed mixed order), in batches of 100. */
export async function testAccuracy(theta: readonly tf.Tensor[], ds: ImageDataset, refs: readonly ClassRef[], ways: number, limit?: number): Promise<number> {
  const items = mixed(ds, refs, limit);
  let ok = 0;
  for (let i = 0; i < items.length; i += EVAL_BATCH) {
    const chunk = items.slice(i, i + EVAL_BATCH);
    const p = await probabilities(theta, makeBatch(ds, chunk.map((it) => ({ ...it, rotation: 0 }))));
    chunk.forEach((it, r) => { if (argmaxRow(p, r, ways) === it.label) ok++; });
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
export async function supervisedBackdoor(theta: readonly tf.Tensor[], ds: ImageDataset, c: ExperimentConfig, a: AttackConfig, test: readonly ClassRef[], bd: BackdoorSplit): Promise<BackdoorScore> {
  const target = c.supervised.attackTarget;
  const clean = mixed(ds, test);
  let cursor = 0;
  const context = () => makeBatch(ds, Array.from({ length: EVAL_BATCH - POISON_SLOTS }, () => ({ ...clean[cursor++ % clean.length], rotation: 0 })));
  const probe = (refs: readonly ClassRef[]) =>
    probeBackdoor(keyedBatch(ds, refs, a, () => 0), { context, slots: POISON_SLOTS, labelOf: () => target, probabilities: (b) => probabilities(theta, b) });
  // One after the other: the clean context batches continue where the previous set left off.
  const train = await probe(bd.attackerBackdoors);
  const val = await probe(bd.heldOut);
  const rate = (h: number, n: number) => (n ? h / n : 0);
  return {
    train: rate(train.hits, train.n),
    val: rate(val.hits, val.n),
    confidence: rate(train.confidence, train.n),
    episodeAccuracy: rate(train.cleanHits + val.cleanHits, train.cleanN + val.cleanN),
    episodes: 1,
  };
}
