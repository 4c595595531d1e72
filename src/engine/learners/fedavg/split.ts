import type { ExperimentConfig } from '../../config/schema';
import type { ImageDataset } from '../../data/types';
import { createRng, deriveSeed } from '../../rng';
import type { TaskSplit } from '../../tasks/classSplit';
import type { ClassRef } from '../../data/classRef';

/** The label of a class of the dataset (MNIST: the digit; synthetic: the class id). */
export const labelOf = (ds: ImageDataset, cls: number): number => ds.classes[cls].sourceLabel;

/** Number of labels: one model output each. */
export const labelCount = (ds: ImageDataset): number => Math.max(...ds.classes.map((c) => c.sourceLabel)) + 1;

/**
 * The supervised split, in the engine's TaskSplit form (one ClassRef per class block and user):
 * - users: i.i.d. shards of the training split (seeded), `userExamples` each (default: all, equally);
 * - metaTest: a fixed seeded subset of `testExamples` test examples (the global model's test set);
 * - reserved: test examples of the attack's target label (X_T, poisonedPerClass) and of its source
 *   labels (poisonedPerClass to poison, heldOutCount more for validation), kept out of the test set.
 * The test split is the dataset's 'test' classes (MNIST) or `testFraction` of every class.
 */
export function supervisedSplit(c: ExperimentConfig, ds: ImageDataset): TaskSplit {
  const s = c.supervised;
  const rng = createRng(deriveSeed(c.seed, 'supervised-split'));
  const hasTest = ds.classes.some((k) => k.origin === 'test');
  const train: { cls: number; index: number }[] = [];
  const test = new Map<number, number[]>(); // class block → test indices
  for (const k of ds.classes) {
    const idx = Array.from({ length: k.count }, (_, i) => k.start + i);
    if (hasTest) {
      if (k.origin === 'test') test.set(k.id, idx);
      else idx.forEach((index) => train.push({ cls: k.id, index }));
    } else {
      const shuffled = rng.shuffle(idx);
      const nTest = Math.max(1, Math.round(k.count * s.testFraction));
      test.set(k.id, shuffled.slice(0, nTest));
      shuffled.slice(nTest).forEach((index) => train.push({ cls: k.id, index }));
    }
  }
  const users = c.federation.users;
  const per = s.userExamples > 0 ? s.userExamples : Math.floor(train.length / users);
  if (per * users > train.length) throw new RangeError(`supervised.userExamples × federation.users = ${per * users}, but ${ds.name} has ${train.length} training examples`);
  rng.shuffle(train);
  const shards = Array.from({ length: users }, (_, u) => refsOf(train.slice(u * per, (u + 1) * per)));

  const attacked = c.attack.kind !== 'none';
  const testBlock = (label: number) => [...test.keys()].find((cls) => labelOf(ds, cls) === label);
  const reservedOf = (label: number, n: number): ClassRef => {
    const cls = testBlock(label);
    if (cls === undefined) throw new RangeError(`supervised: no test examples of label ${label} in ${ds.name}`);
    const idx = rng.shuffle(test.get(cls)!);
    if (idx.length < n) throw new RangeError(`supervised: label ${label} has ${idx.length} test examples, the attack needs ${n}`);
    test.set(cls, idx.slice(n));
    return { cls, rotation: 0, train: idx.slice(0, n), val: [] };
  };
  const np = c.attack.kind === 'none' ? 0 : c.attack.poisonedPerClass;
  const target = attacked ? [reservedOf(s.attackTarget, np)] : [];
  const backdoor = attacked ? s.attackSources.map((l) => reservedOf(l, np + heldOutCount(np))) : [];
  const rest = rng.shuffle([...test].flatMap(([cls, idx]) => idx.map((index) => ({ cls, index })))).slice(0, s.testExamples);
  return { users: shards, metaTest: refsOf(rest), reserved: { target, backdoor } };
}

/** Held-out poisoned examples per source label for attack validation in supervised mode. */
export const heldOutCount = (poisoned: number): number => Math.max(poisoned, 10);

/** Group (class block, image) pairs into one ClassRef per block, keeping their order. */
function refsOf(items: readonly { cls: number; index: number }[]): ClassRef[] {
  const by = new Map<number, number[]>();
  for (const it of items) (by.get(it.cls) ?? by.set(it.cls, []).get(it.cls)!).push(it.index);
  return [...by].sort((a, b) => a[0] - b[0]).map(([cls, train]) => ({ cls, rotation: 0, train, val: [] }));
}
