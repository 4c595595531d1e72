import { Worker } from 'node:worker_threads';
import type { ExperimentConfig } from '../engine/config/schema';
import type { FineTunePoint } from '../engine/defense/phase';
import type { MetricPoint } from '../engine/experiment/run';
import type { JobData, JobMessage } from './experimentWorker';

/** Worker threads start tsx's loader themselves: Node 20 does not pass it on to them. */
export function startWorker(data: JobData): Worker {
  const url = new URL('./experimentWorker.ts', import.meta.url).href;
  return new Worker(`import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(url)}); });`, { eval: true, workerData: data });
}

/**
 * One experiment in a worker thread: every evaluation and fine-tuning point goes to `onLine`
 * (as in the JSON lines), and the promise settles when the run ends or fails.
 */
export async function runInWorker(config: ExperimentConfig, backend: string, onLine: (p: MetricPoint | FineTunePoint) => void, name: string): Promise<void> {
  const w = startWorker({ config, backend });
  try {
    await new Promise<void>((resolve, reject) => {
      w.on('message', (m: JobMessage) => {
        if (m.type === 'error') reject(new Error(`${name}: ${m.message}`));
        else if (m.type === 'done') resolve();
        else if (m.event.type === 'point' || m.event.type === 'fine-tune') onLine(m.event.point);
      });
      w.on('error', reject);
      w.on('exit', (code) => reject(new Error(`${name}: the worker exited (code ${code}) before finishing`)));
    });
  } finally {
    await w.terminate();
  }
}
