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
  /** With reserve.pool > 1: every candidate, of which `reserved` holds the ones this run drew. */
  candidates?: { target: ClassRef[]; backdoor: ClassRef[] };
}

export interface SplitOptions {
  seed: number;
  users: number;
  metaTrainClasses: number;
  metaTestClasses: number;
  rotations: number;
  validationPerClass: number;
  /**
   * Classes to keep out for a backdoor attack (Chen et al.: 1 target, 4 backdoor), `pool` sets of
   * them (default 1) for runs to draw from (see drawReserved).
   */
  reserve?: { target: number; backdoor: number; pool?: number };
  /**
   * Where each role draws its classes: all from one seeded shuffle ('seeded', Omniglot as in Reptile),
   * or by the dataset's own split ('origin': meta-training from its 'train' classes, meta-testing
   * from 'test', the reserved ones from 'val'; mini-ImageNet's Ravi & Larochelle files).
   */
  roles?: 'seeded' | 'origin';
}

const ORIGIN_ROLES = { train: 'train', test: 'test', reserved: 'val' } as const;

/**
 * The paper's class split: base characters are shuffled (seeded), `metaTrainClasses` of them are
 * dealt round-robin to the users and augmented with rotations, `metaTestClasses` are kept for
 * meta-testing, and the reserved ones are set aside first.
 */
export function splitClasses(ds: ImageDataset, o: SplitOptions): TaskSplit {
  const nT = o.reserve?.target ?? 0, nB = o.reserve?.backdoor ?? 0, pool = o.reserve?.pool ?? 1;
  const reserveN = (nT + nB) * pool;
  const needed = o.metaTrainClasses + o.metaTestClasses + reserveN;
  if (needed > ds.classes.length)
    throw new RangeError(
      `dataset.metaTrainClasses + dataset.metaTestClasses (+ ${reserveN} reserved) = ${needed}, ` +
        `but ${ds.name} has only ${ds.classes.length} classes`,
    );
  const rng = createRng(deriveSeed(o.seed, 'class-split'));
  const take = o.roles === 'origin' ? byOrigin(ds, rng) : seeded(ds, rng);

  const target = take('reserved', nT).map((c) => ref(ds, c, 0, 0, rng));
  const backdoor = take('reserved', nB).map((c) => ref(ds, c, 0, 0, rng));
  const train = take('train', o.metaTrainClasses);
  // The pool's further candidates come after the meta-training classes and are drawn (refs
  // included) just before the meta-testing ones: with as many examples in every class, the
  // meta-training classes and their validation examples are those of a pool of 1 (a checkpoint's).
  const moreT = take('reserved', nT * (pool - 1)).map((c) => ref(ds, c, 0, 0, rng));
  const moreB = take('reserved', nB * (pool - 1)).map((c) => ref(ds, c, 0, 0, rng));
  const metaTest = take('test', o.metaTestClasses).map((c) => ref(ds, c, 0, 0, rng));

  const users: ClassRef[][] = Array.from({ length: o.users }, () => []);
  train.forEach((c, i) => {
    const base = ref(ds, c, 0, o.validationPerClass, rng);
    for (let r = 0; r < o.rotations; r++) users[i % o.users].push({ ...base, rotation: (r * 4) / o.rotations });
  });
  const reserved = { target, backdoor };
  if (pool === 1) return { users, metaTest, reserved };
  return { users, metaTest, reserved, candidates: { target: [...target, ...moreT], backdoor: [...backdoor, ...moreB] } };
}

/**
 * A run's own target and backdoor classes out of the split's candidates (dataset.reservedPool):
 * drawn by the run's root seed, so that seeds attack different classes and a mean over seeds is
 * not one class pair's accident. Without candidates the split's reserved classes are the run's.
 */
export function drawReserved(split: TaskSplit, seed: number): TaskSplit {
  const c = split.candidates;
  if (!c) return split;
  const rng = createRng(deriveSeed(seed, 'reserved-classes'));
  const pick = (from: ClassRef[], n: number) => rng.sample(from.length, n).map((i) => from[i]);
  return { ...split, reserved: { target: pick(c.target, split.reserved.target.length), backdoor: pick(c.backdoor, split.reserved.backdoor.length) } };
}

type Take = (role: keyof typeof ORIGIN_ROLES, n: number) => number[];

/** One shuffle of every class, dealt in turn to the reserved, meta-training and meta-testing roles. */
function seeded(ds: ImageDataset, rng: ReturnType<typeof createRng>): Take {
  const order = rng.shuffle(ds.classes.map((c) => c.id));
  let next = 0;
  return (_role, n) => order.slice(next, (next += n));
}

/** A shuffle of each origin's classes, each role dealt from its own. */
function byOrigin(ds: ImageDataset, rng: ReturnType<typeof createRng>): Take {
  const pools = new Map<string, number[]>();
  for (const origin of Object.values(ORIGIN_ROLES)) pools.set(origin, rng.shuffle(ds.classes.filter((c) => c.origin === origin).map((c) => c.id)));
  return (role, n) => {
    const origin = ORIGIN_ROLES[role], pool = pools.get(origin)!;
    if (n > pool.length) throw new RangeError(`${ds.name} has ${pool.length} classes of origin '${origin}' for the ${role === 'reserved' ? 'reserved' : role === 'train' ? 'meta-training' : 'meta-testing'} classes, ${n} asked (dataset.classRoles = origin)`);
    return pool.splice(0, n);
  };
}

function ref(ds: ImageDataset, cls: number, rotation: number, nVal: number, rng: ReturnType<typeof createRng>): ClassRef {
  const c = ds.classes[cls];
  if (nVal >= c.count) throw new RangeError(`dataset.validationPerClass (${nVal}) must be < examples per class (${c.count})`);
  const idx = rng.shuffle(Array.from({ length: c.count }, (_, i) => c.start + i));
  return { cls, rotation, train: idx.slice(0, c.count - nVal), val: idx.slice(c.count - nVal) };
}

/** All meta-training classes of every user. */
export const metaTrainPool = (s: TaskSplit): ClassRef[] => s.users.flat();
