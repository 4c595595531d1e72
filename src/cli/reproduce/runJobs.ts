import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync, appendFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { formatDuration } from '../format';
import { runInWorker } from '../workerThread';
import { jobCost, type Job } from './plan';

export interface RunJobsOptions {
  /** Where each job's JSON lines go (`dir/<study>/<series>-seed<k>.jsonl`). */
  dir: string;
  parallel: number;
  backend: string;
  log: (s: string) => void;
  /** Runs one job (default: a worker thread); injectable for tests. */
  run?: (job: Job, onLine: (line: object) => void) => Promise<void>;
}

const defaultRun = (backend: string) => (job: Job, onLine: (line: object) => void) =>
  runInWorker(job.config, backend, onLine, `${job.study} ${job.series} seed ${job.seed}`);

/**
 * Runs the jobs whose result file is not there yet, `parallel` at a time. A job writes to
 * `<file>.partial` and renames it when it has finished, so an interrupted reproduction resumes
 * where it stopped and never mistakes a half-written run for a result. Progress and an ETA
 * (weighted by each job's estimated cost) go to `log`.
 */
export async function runJobs(jobs: readonly Job[], o: RunJobsOptions): Promise<{ ran: number; skipped: number }> {
  const todo = jobs.filter((j) => !existsSync(join(o.dir, j.file)));
  const skipped = jobs.length - todo.length;
  if (skipped) o.log(`${skipped} of ${jobs.length} runs already done (resuming)`);
  const total = todo.reduce((s, j) => s + jobCost(j.config), 0);
  const started = Date.now();
  const run = o.run ?? defaultRun(o.backend);
  let doneCost = 0, done = 0, next = 0;
  const runOne = async (job: Job) => {
    const path = join(o.dir, job.file);
    mkdirSync(dirname(path), { recursive: true });
    const partial = `${path}.partial`;
    writeFileSync(partial, '');
    await run(job, (line) => appendFileSync(partial, JSON.stringify({ series: job.series, seed: job.seed, ...line }) + '\n'));
    renameSync(partial, path);
    done++;
    doneCost += jobCost(job.config);
    const elapsed = Date.now() - started;
    const eta = (elapsed / doneCost) * (total - doneCost);
    o.log(`[${done + skipped}/${jobs.length}] ${job.study} ${job.series} seed ${job.seed} done · ${formatDuration(elapsed)} elapsed · ETA ${formatDuration(eta)}`);
  };
  const lane = async () => { while (next < todo.length) await runOne(todo[next++]); };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.parallel, todo.length)) }, lane));
  if (todo.length) addTiming(o.dir, { runs: todo.length, wallMs: Date.now() - started, parallel: o.parallel });
  return { ran: todo.length, skipped };
}

/** Wall-clock time spent running jobs in this folder, summed over the invocations that ran some. */
export interface Timing { runs: number; wallMs: number; parallel: number }

export function readTiming(dir: string): Timing | null {
  const path = join(dir, 'timing.json');
  return existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Timing) : null;
}

function addTiming(dir: string, t: Timing): void {
  const before = readTiming(dir);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'timing.json'), JSON.stringify(before ? { runs: before.runs + t.runs, wallMs: before.wallMs + t.wallMs, parallel: t.parallel } : t));
}
