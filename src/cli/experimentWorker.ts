/**
 * One experiment in a worker thread (`npm run sim -- … --seeds N / --paired`): the same
 * runExperiment as the in-process run, its events posted back to the main thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ExperimentEvent } from '../engine/experiment/runExperiment';
import { runJob } from './runJob';

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
  const post = (m: JobMessage) => parentPort!.postMessage(m);
  await runJob(config, backend, (e) => post({ type: 'event', event: e.type === 'round' ? { type: 'round', report: e.report } : e }));
}

run(workerData as JobData).then(
  () => parentPort!.postMessage({ type: 'done' } satisfies JobMessage),
  (e) => parentPort!.postMessage({ type: 'error', message: (e as Error).message } satisfies JobMessage),
);
