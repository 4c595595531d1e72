import { ConfigError } from '../../config/parse';
import type { ExperimentConfig } from '../../config/schema';
import { part, type BackdoorSplit } from '../../data/backdoorSplit';
import type { ClassRef } from '../../data/classRef';
import type { ImageDataset } from '../../data/types';
import { drawReserved, splitClasses, type TaskSplit } from '../../tasks/classSplit';
import type { AttackConfig } from '../types';
import { BENIGN_PER_CLASS } from '../../config/attackSchema';

/** The paper's class split of section 4, with dataset limits reported against the config field that breaks them. */
export function metaSplit(c: ExperimentConfig, ds: ImageDataset): TaskSplit {
  const d = c.dataset;
  let split: TaskSplit;
  try {
    split = splitClasses(ds, {
      seed: c.dataset.splitSeed ?? c.seed,
      users: c.federation.users,
      metaTrainClasses: d.metaTrainClasses,
      metaTestClasses: d.metaTestClasses,
      rotations: d.rotations,
      validationPerClass: d.validationPerClass,
      reserve: { target: d.reservedTarget, backdoor: d.reservedBackdoor, pool: d.reservedPool },
      roles: d.classRoles,
    });
  } catch (e) {
    throw new ConfigError([{ field: 'dataset.metaTrainClasses', message: (e as Error).message }]);
  }
  checkTaskFits(c, split, ds);
  return drawReserved(c.dataset.pretrainBackdoorClasses ? withBackdoorClasses(split) : split, c.seed);
}

/**
 * Benign pre-training for scenarios (b) and (c): the benign users' part of each backdoor class
 * (unrotated, correctly labelled, as they hold it in the attack runs) joins a user's
 * meta-training classes, dealt round-robin; with a pool, every candidate, whichever a run draws.
 */
function withBackdoorClasses(split: TaskSplit): TaskSplit {
  const users = split.users.map((u) => [...u]);
  (split.candidates ?? split.reserved).backdoor.forEach((r, j) => users[j % users.length].push(part(r, 0, BENIGN_PER_CLASS)));
  return { ...split, users };
}

function checkTaskFits(c: ExperimentConfig, split: TaskSplit, ds: ImageDataset): void {
  const { ways, trainShots, testShots } = c.task;
  const issues: { field: string; message: string }[] = [];
  const smallest = Math.min(...split.users.map((u) => u.length));
  if (ways > smallest)
    issues.push({ field: 'task.ways', message: `must be ≤ ${smallest}, the meta-training classes of the smallest user` });
  if (ways > split.metaTest.length)
    issues.push({ field: 'task.ways', message: `must be ≤ dataset.metaTestClasses (${split.metaTest.length})` });
  const perClass = Math.min(...ds.classes.map((k) => k.count));
  const trainable = perClass - c.dataset.validationPerClass;
  if (trainShots > trainable)
    issues.push({ field: 'task.trainShots', message: `must be ≤ ${trainable} (${perClass} examples per class minus dataset.validationPerClass)` });
  if (testShots > trainable)
    issues.push({ field: 'task.testShots', message: `must be ≤ ${trainable} (support examples come from the training examples)` });
  if (testShots + 1 > perClass)
    issues.push({ field: 'task.testShots', message: `must be ≤ ${perClass - 1} (meta-testing needs K+1 examples per class)` });
  if (issues.length) throw new ConfigError(issues);
}

/**
 * Who holds which examples of the reserved classes (Chen et al. section 4, Omniglot): of each
 * target and backdoor class, `benignPerClass` correctly labelled examples go to one benign user,
 * `poisonedPerClass` go to the attacker (X_T clean; X_B keyed and labelled as the target), and the
 * rest of each backdoor class is held out, keyed, for attack validation.
 */
export function metaBackdoorSplit(c: ExperimentConfig, a: AttackConfig, split: TaskSplit): BackdoorSplit {
  const { target, backdoor } = split.reserved;
  const np = a.poisonedPerClass, nb = a.benignPerClass;
  const smallest = (rs: ClassRef[]) => Math.min(...rs.map((r) => r.train.length));
  const issues: { field: string; message: string }[] = [];
  if (target.length && smallest(target) < nb + np)
    issues.push({ field: 'attack.poisonedPerClass', message: `benignPerClass + poisonedPerClass must be ≤ ${smallest(target)} (examples of a target class)` });
  if (backdoor.length && smallest(backdoor) < nb + np + 1)
    issues.push({ field: 'attack.poisonedPerClass', message: `benignPerClass + poisonedPerClass must be ≤ ${smallest(backdoor) - 1} (a backdoor class also needs held-out examples)` });
  if (nb < Math.max(c.task.trainShots, c.task.testShots + 1))
    issues.push({ field: 'attack.benignPerClass', message: `must be ≥ ${Math.max(c.task.trainShots, c.task.testShots + 1)} (task.trainShots, and task.testShots + 1 for evaluation episodes)` });
  if (issues.length) throw new ConfigError(issues);
  const benign = split.users.map((_, i) => i).filter((i) => i !== a.attacker);
  return {
    targets: target.map((r) => part(r, 0, nb)),
    backdoors: backdoor.map((r) => part(r, 0, nb)),
    attackerTargets: target.map((r) => part(r, nb, nb + np)),
    attackerBackdoors: backdoor.map((r) => part(r, nb, nb + np)),
    heldOut: backdoor.map((r) => part(r, nb + np, r.train.length)),
    targetOf: backdoor.map((_, j) => j % target.length),
    targetOwner: target.map((_, t) => benign[t % benign.length]),
    backdoorOwner: backdoor.map((_, j) => benign[(target.length + j) % benign.length]),
  };
}
