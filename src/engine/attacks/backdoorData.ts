import type { ExperimentConfig } from '../config/schema';
import { ConfigError } from '../config/parse';
import type { ClassRef, TaskSplit } from '../tasks/classSplit';
import { firstAttackRound } from '../config/schedule';

/**
 * Who holds which examples of the reserved classes (Chen et al. section 4, Omniglot): of each
 * target and backdoor class, `benignPerClass` correctly labelled examples go to one benign user,
 * `poisonedPerClass` go to the attacker (X_T clean; X_B keyed and labelled as the target), and the
 * rest of each backdoor class is held out, keyed, for attack validation. Plain data (ClassRefs
 * into the dataset), so it can be shipped to workers.
 */
export interface BackdoorSplit {
  /** Benign users' part of each target class. */
  targets: ClassRef[];
  /** Benign users' part of each backdoor class (used by benign users per the scenario). */
  backdoors: ClassRef[];
  /** X_T: the attacker's clean examples of each target class. */
  attackerTargets: ClassRef[];
  /** X_B: the attacker's examples of each backdoor class (the key is applied when used). */
  attackerBackdoors: ClassRef[];
  /** Held-out examples of each backdoor class, keyed at evaluation (attack validation). */
  heldOut: ClassRef[];
  /** Index of the target class each backdoor class is meant to be mistaken for (j mod #targets). */
  targetOf: number[];
  /** Benign user holding each target class and each backdoor class. */
  targetOwner: number[];
  backdoorOwner: number[];
}

const part = (r: ClassRef, from: number, to: number): ClassRef => ({ cls: r.cls, rotation: 0, train: r.train.slice(from, to), val: [] });

/** Partition the split's reserved classes for an attack; null without one. */
export function backdoorSplit(c: ExperimentConfig, split: TaskSplit): BackdoorSplit | null {
  const a = c.attack;
  if (a.kind === 'none') return null;
  const { target, backdoor } = split.reserved;
  const np = a.poisonedPerClass;
  if (c.mode === 'supervised') {
    // Reserved test examples (supervised/split.ts): X_T, then per source label X_B and held-out ones.
    return {
      targets: [], backdoors: [], targetOwner: [], backdoorOwner: [],
      attackerTargets: target,
      attackerBackdoors: backdoor.map((r) => part(r, 0, np)),
      heldOut: backdoor.map((r) => part(r, np, r.train.length)),
      targetOf: backdoor.map(() => 0),
    };
  }
  const nb = a.benignPerClass;
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

/**
 * A benign user's meta-training classes in round t: its own split, its target classes, and its
 * backdoor classes when the scenario puts them in benign data — (b) before the first attack
 * round only, (c) always, (a) never.
 */
export function benignPool(c: ExperimentConfig, split: TaskSplit, bd: BackdoorSplit | null, user: number, t: number): ClassRef[] {
  const own = split.users[user];
  if (!bd || c.attack.kind === 'none' || user === c.attack.attacker || c.mode === 'supervised') return own;
  const targets = bd.targets.filter((_, i) => bd.targetOwner[i] === user);
  const scenario = c.attack.scenario;
  const withBackdoors = scenario === 'c' || (scenario === 'b' && t < firstAttackRound(c.attack.schedule));
  const backdoors = withBackdoors ? bd.backdoors.filter((_, j) => bd.backdoorOwner[j] === user) : [];
  return [...own, ...targets, ...backdoors];
}
