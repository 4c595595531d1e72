import type { BackdoorSplit } from '../data/backdoorSplit';
import { keyedBatch } from '../data/key';
import type { ExperimentConfig } from '../config/schema';
import type { ImageDataset } from '../data/types';
import type { Setup } from '../learners/types';
import { fineTuneTasks, type AttackProbes } from './tasks';
import type { FineTuneTasks } from './types';

/**
 * What the fine-tuning phase measures about the config's attack (null without one): the target
 * classes' benign examples join every main-task episode, in scenario (c) the backdoor classes
 * too (correctly labelled), and attack success is measured on the attacker's keyed backdoor
 * examples (attack training) and on held-out keyed examples (attack validation) — the same sets
 * as the evaluator's attackTrainSuccess / attackValSuccess.
 */
export function attackProbes(c: ExperimentConfig, ds: ImageDataset, bd: BackdoorSplit | null | undefined): AttackProbes | undefined {
  if (!bd || c.attack.kind === 'none') return undefined;
  const a = c.attack;
  const targetOf = (j: number) => bd.targetOf[j];
  return {
    targets: bd.targets,
    alsoInclude: a.scenario === 'c' ? bd.backdoors : [],
    targetsLast: c.eval.attackTargetPlacement === 'last',
    sets: [
      { metric: 'attackTrainSuccess', batch: keyedBatch(ds, bd.attackerBackdoors, a, targetOf) },
      { metric: 'attackValSuccess', batch: keyedBatch(ds, bd.heldOut, a, targetOf) },
    ],
  };
}

/** The users who fine-tune: everyone but the attacker. */
export function benignUsers(c: ExperimentConfig, users: number): number[] {
  const all = Array.from({ length: users }, (_, i) => i);
  const a = c.attack;
  return a.kind === 'none' ? all : all.filter((i) => i !== a.attacker);
}

/** The fine-tuning episodes of an experiment: benign data plus the attack's probes. */
export function experimentFineTuneTasks(setup: Setup, ds: ImageDataset, c: ExperimentConfig): FineTuneTasks {
  return fineTuneTasks(ds, setup.split, { ways: c.task.ways, shots: c.task.testShots }, attackProbes(c, ds, setup.backdoor));
}
