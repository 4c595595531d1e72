import type { ClassRef } from './classRef';

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

/** Examples [from, to) of a reserved class, unrotated. */
export const part = (r: ClassRef, from: number, to: number): ClassRef => ({ cls: r.cls, rotation: 0, train: r.train.slice(from, to), val: [] });
