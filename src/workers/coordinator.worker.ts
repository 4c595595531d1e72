/// <reference lib="webworker" />
import { expose, transfer, wrap } from 'comlink';
import type { ClientApi } from './client.worker';
import { startWorkerBackend, type BackendPreference } from './backend';
import { CoordinatorSession, type PrepareOptions, type RunEvents } from './coordinatorSession';
import type { ExperimentConfig } from '../engine/config/schema';
import type { SampleRequest } from './episodeView';
import { registerLabErrors, withLabErrors } from './errors';

/**
 * The server: selects clients, aggregates their updates, evaluates θ_G and streams metrics to
 * the main thread. It reaches each client worker over its own MessagePort. Errors leave as
 * LabErrors: a client's keeps its source, the coordinator's own (a missing dataset, a bad
 * config) blame no worker.
 */
registerLabErrors();
const session = new CoordinatorSession();

const api = withLabErrors({
  start: (o: { backend: BackendPreference }) => startWorkerBackend(o.backend, 'coordinator'),
  connectClients: (ports: MessagePort[]) => session.connect(ports.map((p) => wrap<ClientApi>(p))),
  listen: (events: RunEvents) => session.listen(events),
  prepare: (o: PrepareOptions) => session.prepare(o),
  run: (mode: 'run' | 'step') => session.run(mode),
  pause: () => session.pause(),
  update: (config: ExperimentConfig) => session.update(config),
  checkpoint: (meta?: Record<string, unknown>) => {
    const bytes = session.checkpoint(meta);
    return transfer(bytes, [bytes.buffer]);
  },
  backdoor: () => {
    const v = session.backdoor();
    return v ? transfer(v, [v.targets.x.buffer, v.backdoors.x.buffer, v.poisoned.x.buffer]) : null;
  },
  sample: (req: SampleRequest) => {
    const v = session.sample(req);
    return transfer(v, [v.support.x.buffer, v.query.x.buffer]);
  },
});

export type CoordinatorApi = typeof api;
expose(api);
