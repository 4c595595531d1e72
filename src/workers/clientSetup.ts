import type { BackdoorSplit } from '../engine/attacks/backdoorData';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ImageDataset } from '../engine/data/types';
import type { FederatedClient } from '../engine/fed/client';
import type { Conv4Shape } from '../engine/model/conv4';
import type { ParamSpec } from '../engine/model/params';
import { createLocalClient } from '../engine/experiment/clients';
import type { Experiment } from '../engine/experiment/experiment';
import type { ClassRef } from '../engine/tasks/classSplit';

/** What the coordinator sends a client worker: its own data only, and the model layout. */
export interface ClientSetup {
  id: number;
  config: ExperimentConfig;
  /** The user's images (subsetForUser); its buffer is transferred. */
  data: ImageDataset;
  /** The user's classes, indexing `data`. */
  refs: ClassRef[];
  /** Its share of the reserved attack classes (see userData.ts), indexing `data`. */
  backdoor: BackdoorSplit | null;
  model: Conv4Shape;
  spec: ParamSpec[];
}

/**
 * Builds the engine's client for user `id` from the slice of the experiment it was given, so a
 * worker runs exactly what `npm run sim` runs in-process (benign user or attacker). Only
 * `split.users[id]` and this user's part of the backdoor split are filled.
 */
export function clientFromSetup(s: ClientSetup): FederatedClient {
  const users: ClassRef[][] = Array.from({ length: s.id + 1 }, () => []);
  users[s.id] = s.refs;
  const exp: Experiment = {
    config: s.config,
    model: s.model,
    spec: s.spec,
    split: { users, metaTest: [], reserved: { target: [], backdoor: [] } },
    initial: new Float32Array(0),
    backdoor: s.backdoor,
  };
  return createLocalClient(exp, s.data, s.id);
}
