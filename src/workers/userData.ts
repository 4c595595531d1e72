import type { BackdoorSplit } from '../engine/data/backdoorSplit';
import { subsetForUser } from '../engine/data/subset';
import type { ImageDataset } from '../engine/data/types';
import type { ExperimentConfig } from '../engine/config/schema';
import type { Setup } from '../engine/learners/types';
import type { ClassRef } from '../engine/data/classRef';

/** One user's data as shipped to its worker: images, its classes, and its share of the attack data. */
export interface UserPayload {
  data: ImageDataset;
  own: ClassRef[];
  /** The backdoor split with only this user's entries filled (others have no examples). */
  backdoor: BackdoorSplit | null;
}

const LISTS = ['targets', 'backdoors', 'attackerTargets', 'attackerBackdoors', 'heldOut'] as const;
const none = (): ClassRef => ({ cls: 0, rotation: 0, train: [], val: [] });

/**
 * What user `id` may hold: its meta-training classes; a benign user also the reserved target and
 * backdoor examples it owns (the scenario decides per round which it uses), the attacker its
 * X_T and X_B. Held-out attack-validation examples stay with the coordinator. Every list keeps its
 * length (entries that are not the user's are empty), so indices such as `targetOf` still hold.
 */
export function userPayload(exp: Setup, config: ExperimentConfig, ds: ImageDataset, id: number): UserPayload {
  const bd = exp.backdoor ?? null;
  const attacker = config.attack.kind !== 'none' && config.attack.attacker === id;
  const mine: Record<(typeof LISTS)[number], boolean[]> | null = bd && {
    targets: bd.targets.map((_, i) => !attacker && bd.targetOwner[i] === id),
    backdoors: bd.backdoors.map((_, j) => !attacker && bd.backdoorOwner[j] === id),
    attackerTargets: bd.attackerTargets.map(() => attacker),
    attackerBackdoors: bd.attackerBackdoors.map(() => attacker),
    heldOut: bd.heldOut.map(() => false),
  };
  const own = exp.split.users[id];
  const shipped: ClassRef[] = [...own];
  if (bd && mine) for (const k of LISTS) bd[k].forEach((r, i) => { if (mine[k][i]) shipped.push(r); });
  const { ds: data, refs } = subsetForUser(ds, shipped);
  let next = own.length;
  const backdoor: BackdoorSplit | null = bd && mine && {
    ...bd,
    ...Object.fromEntries(LISTS.map((k) => [k, bd[k].map((_, i) => (mine[k][i] ? refs[next++] : none()))])),
  } as BackdoorSplit;
  return { data, own: refs.slice(0, own.length), backdoor };
}
