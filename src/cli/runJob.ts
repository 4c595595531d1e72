import { readFileSync } from 'node:fs';
import type { ExperimentConfig } from '../engine/config/schema';
import { createLocalClients } from '../engine/experiment/clients';
import { setupExperiment } from '../engine/experiment/experiment';
import type { Setup } from '../engine/learners/types';
import { runExperiment, type ExperimentEvent } from '../engine/experiment/runExperiment';
import { decodeCheckpoint } from '../engine/model/checkpoint';
import { initNodeBackend } from '../node/backend';
import { loadDatasetForConfig } from '../node/datasets';

/** One whole experiment in this thread (a worker thread's job, or a test's), its events to `onEvent`; returns its set-up (model shape and parameter layout). */
export async function runJob(config: ExperimentConfig, backend: string, onEvent: (e: ExperimentEvent) => void): Promise<Setup> {
  await initNodeBackend(backend);
  const ds = await loadDatasetForConfig(config);
  const init = config.init.kind === 'checkpoint' ? decodeCheckpoint(readFileSync(config.init.source)) : undefined;
  const setup = setupExperiment(config, ds, init);
  const clients = createLocalClients(setup, config, ds);
  try {
    await runExperiment({ ds, setup, clients, config }, onEvent);
    return setup;
  } finally {
    clients.forEach((c) => c.dispose());
  }
}
