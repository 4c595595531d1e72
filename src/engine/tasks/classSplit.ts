import type { ImageDataset } from '../data/types';
import type { ClassRef } from '../data/classRef';
import { createRng, deriveSeed } from '../rng';

export interface TaskSplit {
  /** Meta-training classes of each user (disjoint between users). */
  users: ClassRef[][];
  /** Classes never used in meta-training, unrotated, every example in `train`. */
  metaTest: ClassRef[];
  /** Reserved for the attack: neither meta-training nor meta-testing uses them unless shared. */
  reserved: { target: ClassRef[]; backdoor: ClassRef[] };
}

export interface SplitOptions {
  seed: number;
  users: number;
  metaTrainClasses: number;
  metaTestClasses: number;
  rotations: number;
  validationPerClass: number;
  /** Classes to keep out for a backdoor attack (Chen et al.: 1 target, 4 backdoor). */
  reserve?: { target: number; backdoor: number };
}

/**
 * The paper's class split: base characters are shuffled (seeded), `metaTrainClasses` of them are
 * dealt round-robin to the users and augmented with rotations, `metaTestClasses` are kept for
 * meta-testing, and the reserved ones are set aside first.
 */
export function splitClasses(ds: ImageDataset, o: SplitOptions): TaskSplit {
  const reserveN = (o.reserve?.target ?? 0) + (o.reserve?.backdoor ?? 0);
  const needed = o.metaTrainClasses + o.metaTestClasses + reserveN;
  if (needed > ds.classes.length)
    throw new RangeError(
      `dataset.metaTrainClasses + dataset.metaTestClasses (+ ${reserveN} reserved) = ${needed}, ` +
        `but ${ds.name} has only ${ds.classes.length} classes`,
    );
  const rng = createRng(deriveSeed(o.seed, 'class-split'));
  const order = rng.shuffle(ds.classes.map((c) => c.id));
  let next = 0;
  const take = (n: number) => order.slice(next, (next += n));

  const target = take(o.reserve?.target ?? 0).map((c) => ref(ds, c, 0, 0, rng));
  const backdoor = take(o.reserve?.backdoor ?? 0).map((c) => ref(ds, c, 0, 0, rng));
  const train = take(o.metaTrainClasses);
  const metaTest = take(o.metaTestClasses).map((c) => ref(ds, c, 0, 0, rng));

  const users: ClassRef[][] = Array.from({ length: o.users }, () => []);
  train.forEach((c, i) => {
    const base = ref(ds, c, 0, o.validationPerClass, rng);
    for (let r = 0; r < o.rotations; r++) users[i % o.users].push({ ...base, rotation: (r * 4) / o.rotations });
  });
  return { users, metaTest, reserved: { target, backdoor } };
}

function ref(ds: ImageDataset, cls: number, rotation: number, nVal: number, rng: ReturnType<typeof createRng>): ClassRef {
  const c = ds.classes[cls];
  if (nVal >= c.count) throw new RangeError(`dataset.validationPerClass (${nVal}) must be < examples per class (${c.count})`);
  const idx = rng.shuffle(Array.from({ length: c.count }, (_, i) => c.start + i));
  return { cls, rotation, train: idx.slice(0, c.count - nVal), val: idx.slice(c.count - nVal) };
}

/** All meta-training classes of every user. */
export const metaTrainPool = (s: TaskSplit): ClassRef[] => s.users.flat();
