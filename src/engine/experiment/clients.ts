import { benignPool } from '../attacks/backdoorData';
import { createAttacker } from '../attacks/registry';
import type { ImageDataset } from '../data/types';
import { SupervisedClient } from '../learners/fedavg/client';
import { LocalClient } from '../fed/localClient';
import type { FederatedClient } from '../fed/client';
import type { Experiment } from './experiment';

/**
 * The in-process client of user `id` (the browser builds the same inside a worker): the attack's
 * malicious client for the attacker, otherwise a benign user whose classes follow the attack
 * scenario (reserved target/backdoor classes it holds, by round).
 */
export function createLocalClient(exp: Experiment, ds: ImageDataset, id: number): FederatedClient {
  const { config, split, spec } = exp;
  const bd = exp.backdoor;
  if (config.attack.kind !== 'none' && id === config.attack.attacker) {
    if (!bd) throw new Error(`user ${id} is the attacker but the experiment has no backdoor data (exp.backdoor)`);
    return createAttacker(config, { id, ds, pool: split.users[id], backdoor: bd, config, spec })!;
  }
  if (config.mode === 'supervised') return new SupervisedClient(id, ds, split.users[id], config, spec);
  if (!bd) return new LocalClient(id, ds, split.users[id], config, spec);
  return new LocalClient(id, ds, (round) => benignPool(config, split, bd, id, round), config, spec);
}

export const createLocalClients = (exp: Experiment, ds: ImageDataset): FederatedClient[] =>
  exp.split.users.map((_, id) => createLocalClient(exp, ds, id));
