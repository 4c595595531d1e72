import { createAttacker } from '../attacks/registry';
import { benignPool } from '../attacks/scenario';
import type { ExperimentConfig } from '../config/schema';
import type { BackdoorSplit } from '../data/backdoorSplit';
import type { ClassRef } from '../data/classRef';
import type { ImageDataset } from '../data/types';
import { BenignClient } from '../fed/benignClient';
import type { FederatedClient } from '../fed/client';
import type { Setup } from '../learners/types';
import type { ParamSpec } from '../model/params';

/** What one client is built from: its own classes, its share of the attack's data, the model layout. */
export interface ClientSlice {
  id: number;
  own: readonly ClassRef[];
  backdoor: BackdoorSplit | null;
  spec: ParamSpec[];
}

/**
 * User `id`'s client (in-process, or inside its browser worker from the slice it was sent): the
 * attack's malicious client for the attacker, otherwise a benign user whose classes follow the
 * attack scenario (reserved target/backdoor classes it holds, by round).
 */
export function createClient(s: ClientSlice, config: ExperimentConfig, ds: ImageDataset): FederatedClient {
  const { id, own, backdoor: bd, spec } = s;
  if (config.attack.kind !== 'none' && id === config.attack.attacker) {
    if (!bd) throw new Error(`user ${id} is the attacker but the experiment has no backdoor data`);
    return createAttacker(config, { id, ds, pool: own, backdoor: bd, config, spec })!;
  }
  return new BenignClient(id, ds, (round) => benignPool(config, own, bd, id, round), config, spec);
}

export const createLocalClients = (setup: Setup, config: ExperimentConfig, ds: ImageDataset): FederatedClient[] =>
  setup.split.users.map((own, id) => createClient({ id, own, backdoor: setup.backdoor, spec: setup.spec }, config, ds));
