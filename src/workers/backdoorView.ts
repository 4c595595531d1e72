import { keyMaskFor } from '../engine/data/key';
import { keyedBatch } from '../engine/data/key';
import type { ImageDataset } from '../engine/data/types';
import type { Setup } from '../engine/learners/types';
import { makeBatch, type Batch } from '../engine/data/batch';
import type { ClassRef } from '../engine/data/classRef';
import type { ExperimentConfig } from '../engine/config/schema';

/** The attack's data as pictures (Chen et al. Figure 1): target, backdoor classes, key, poisoned. */
export interface BackdoorView {
  attack: string;
  targets: Batch;
  targetNames: string[];
  backdoors: Batch;
  backdoorNames: string[];
  /** The key as an image in [0, 1] (pixels it leaves alone are 0). */
  key: Float32Array;
  /** The attacker's keyed backdoor examples, which it labels as the target class. */
  poisoned: Batch;
  perClass: number;
}

const firstN = (refs: readonly ClassRef[], n: number): ClassRef[] => refs.map((r) => ({ ...r, train: r.train.slice(0, n) }));
const batchOf = (ds: ImageDataset, refs: readonly ClassRef[]) =>
  makeBatch(ds, refs.flatMap((r, j) => r.train.map((index) => ({ index, rotation: r.rotation, label: j }))));

/** A few examples of each reserved class, clean and keyed; null without an attack. */
export function backdoorView(ds: ImageDataset, exp: Setup, c: ExperimentConfig, perClass = 2): BackdoorView | null {
  const bd = exp.backdoor;
  const a = c.attack;
  if (!bd || a.kind === 'none') return null;
  const targets = firstN(bd.attackerTargets, perClass);
  const backdoors = firstN(bd.attackerBackdoors, perClass);
  const mask = keyMaskFor(a.key, ds);
  return {
    attack: a.kind,
    targets: batchOf(ds, targets),
    targetNames: targets.map((r) => ds.classes[r.cls].name),
    backdoors: batchOf(ds, backdoors),
    backdoorNames: backdoors.map((r) => ds.classes[r.cls].name),
    key: mask.map((v) => (Number.isNaN(v) ? 0 : v)),
    poisoned: keyedBatch(ds, backdoors, a, (j) => bd.targetOf[j]),
    perClass,
  };
}
