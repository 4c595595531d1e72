import { firstAttackRound } from '../config/schedule';
import type { ExperimentConfig } from '../config/schema';
import type { BackdoorSplit } from '../data/backdoorSplit';
import type { ClassRef } from '../data/classRef';

/**
 * A benign user's classes in round t under the attack scenarios of Chen et al. Experiment 1: its
 * own classes, the target classes it holds, and its backdoor classes when the scenario puts them
 * in benign data — (b) before the first attack round only, (c) always, (a) never. Without
 * reserved classes dealt to benign users (supervised mode) it is the user's own data.
 */
export function benignPool(c: ExperimentConfig, own: readonly ClassRef[], bd: BackdoorSplit | null, user: number, t: number): readonly ClassRef[] {
  if (!bd || c.attack.kind === 'none' || user === c.attack.attacker) return own;
  const targets = bd.targets.filter((_, i) => bd.targetOwner[i] === user);
  const scenario = c.attack.scenario;
  const withBackdoors = scenario === 'c' || (scenario === 'b' && t < firstAttackRound(c.attack.schedule));
  const backdoors = withBackdoors ? bd.backdoors.filter((_, j) => bd.backdoorOwner[j] === user) : [];
  return targets.length || backdoors.length ? [...own, ...targets, ...backdoors] : own;
}
