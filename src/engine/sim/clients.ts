import type { ImageDataset } from '../data/types';
import { LocalClient } from '../fed/localClient';
import type { FederatedClient } from '../fed/client';
import type { Experiment } from './experiment';

/** The in-process client of user `id` (the browser builds the same inside a worker). */
export function createLocalClient(exp: Experiment, ds: ImageDataset, id: number): FederatedClient {
  return new LocalClient(id, ds, exp.split.users[id], exp.config, exp.spec);
}

export const createLocalClients = (exp: Experiment, ds: ImageDataset): FederatedClient[] =>
  exp.split.users.map((_, id) => createLocalClient(exp, ds, id));
