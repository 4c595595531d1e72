/**
 * One experiment in a worker thread (`npm run sim -- … --seeds N / --paired`): the same
 * runExperiment as the in-process run, its events posted back to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExperimentConfig } from '../engine/config/schema';
import { createLocalClients } from '../engine/experiment/clients';
import { setupExperiment } from '../engine/experiment/experiment';
import { runExperiment, type ExperimentEvent } from '../engine/experiment/runExperiment';
import { decodeCheckpoint } from '../engine/model/checkpoint';
import { initNodeBackend } from '../node/backend';
import { loadDatasetForConfig } from '../node/datasets';
import { readFileSync } from 'node:fs';

export interface JobData {
  config: ExperimentConfig;
  backend: string;
}

/** What a job posts: its events without θ_G (the main thread keeps no weights), then done or an error. */
export type JobMessage =
  | { type: 'event'; event: Exclude<ExperimentEvent, { type: 'round' }> | { type: 'round'; report: Extract<ExperimentEvent, { type: 'round' }>['report'] } }
  | { type: 'done' }
  | { type: 'error'; message: string };

async function run({ config, backend }: JobData): Promise<void> {
  await initNodeBackend(backend);
  const ds = await loadDatasetForConfig(config);
  const init = config.init.kind === 'checkpoint' ? decodeCheckpoint(readFileSync(config.init.source)) : undefined;
  const setup = setupExperiment(config, ds, init);
  const clients = createLocalClients(setup, config, ds);
  const post = (m: JobMessage) => parentPort!.postMessage(m);
  await runExperiment({ ds, setup, clients, config }, (e) => {
    post({ type: 'event', event: e.type === 'round' ? { type: 'round', report: e.report } : e });
  });
  clients.forEach((c) => c.dispose());
}

run(workerData as JobData).then(
  () => parentPort!.postMessage({ type: 'done' } satisfies JobMessage),
  (e) => parentPort!.postMessage({ type: 'error', message: (e as Error).message } satisfies JobMessage),
);
