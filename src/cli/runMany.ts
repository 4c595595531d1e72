import { cpus } from 'node:os';
import type { ExperimentConfig } from '../engine/config/schema';
import { benignTwin } from '../engine/config/twin';
import { runInWorker } from './workerThread';
import { formatDuration } from './format';
import { summarize, type SeedPoint } from './summary';

export interface ManyOptions {
  config: ExperimentConfig;
  seeds: number;
  paired: boolean;
  backend: string;
  /** One JSON line per point, with its series and seed; summaries at the end. */
  write: (line: Record<string, unknown>) => void;
  log: (s: string) => void;
}

interface Job { series: 'attacked' | 'twin' | 'run'; seed: number; config: ExperimentConfig }

/**
 * Several runs of one config: N seeds (config.seed, config.seed + 1, …) and, with `paired`, each
 * seed's benign twin. Jobs run in worker threads, as many at once as the machine has cores.
 * Lines carry `series` and `seed`; one summary line per series and round gives mean and sd.
 */
export async function runMany(o: ManyOptions): Promise<void> {
  const twin = benignTwin(o.config);
  if (o.paired && !twin) throw new Error('--paired needs a config with an attack (attack.kind)');
  const jobs: Job[] = [];
  for (let i = 0; i < o.seeds; i++) {
    const seed = o.config.seed + i;
    jobs.push({ series: o.paired ? 'attacked' : 'run', seed, config: { ...o.config, seed } });
    if (o.paired && twin) jobs.push({ series: 'twin', seed, config: { ...twin, seed } });
  }
  const parallel = Math.max(1, Math.min(jobs.length, cpus().length));
  o.log(`${jobs.length} runs (${o.seeds} seed${o.seeds > 1 ? 's' : ''}${o.paired ? ', each with its benign twin' : ''}), ${parallel} at a time`);
  const points: SeedPoint[] = [];
  const started = Date.now();
  let done = 0, next = 0;
  const runJob = async (job: Job) => {
    await runInWorker(job.config, o.backend, (p) => {
      const line = { series: job.series, seed: job.seed, ...p };
      o.write(line);
      if (p.phase !== 'fine-tune') points.push(line as SeedPoint);
    }, `${job.series} seed ${job.seed}`);
    done++;
    const per = (Date.now() - started) / done;
    o.log(`${job.series} seed ${job.seed} done (${done}/${jobs.length}) · ${formatDuration(Date.now() - started)} elapsed · ETA ${formatDuration(per * (jobs.length - done))}`);
  };
  // Each lane takes the next job until none is left.
  const lane = async () => { while (next < jobs.length) await runJob(jobs[next++]); };
  await Promise.all(Array.from({ length: parallel }, lane));
  for (const s of summarize(points)) o.write(s);
}
