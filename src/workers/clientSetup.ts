import type { BackdoorSplit } from '../engine/data/backdoorSplit';
import type { ClassRef } from '../engine/data/classRef';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ImageDataset } from '../engine/data/types';
import type { FederatedClient } from '../engine/fed/client';
import type { ModelShape } from '../engine/model/kind';
import type { ParamSpec } from '../engine/model/params';
import { createClient } from '../engine/experiment/clients';

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
  model: ModelShape;
  spec: ParamSpec[];
}

/** The engine's client for user `id`, built from its slice: a worker runs exactly what `npm run sim` runs in-process. */
export const clientFromSetup = (s: ClientSetup): FederatedClient =>
  createClient({ id: s.id, own: s.refs, backdoor: s.backdoor, spec: s.spec }, s.config, s.data);
