import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Cell } from '../sweep/cell';
import { runLocal, type RunCell } from '../sweep/local';
import { runOnQueue } from '../sweep/submit';
import type { Job } from './plan';

export interface RunJobsOptions {
  /** Where each job's JSON lines go (`dir/<study>/<series>-seed<k>.jsonl`). */
  dir: string;
  parallel: number;
  backend: string;
  log: (s: string) => void;
  /** redis://HOST:PORT: hand the jobs to `npm run sweep-worker` processes instead of local threads. */
  queue?: string;
  /** Runs one job (default: a worker thread); injectable for tests. */
  run?: (job: Job, onLine: (line: object) => void) => Promise<void>;
}

/** A reproduction's run as a sweep cell: its lines stamped with series and seed. */
const toCell = (j: Job): Cell => ({ name: `${j.study} ${j.series} seed ${j.seed}`, file: j.file, config: j.config, stamp: { series: j.series, seed: j.seed } });

/**
 * Runs the jobs whose result file is not there yet with the sweep runner: `parallel` at a time
 * in worker threads, or through the queue. Results are written `.partial` then renamed, so an
 * interrupted reproduction resumes where it stopped; progress and a cost-weighted ETA go to `log`.
 */
export async function runJobs(jobs: readonly Job[], o: RunJobsOptions): Promise<{ ran: number; skipped: number }> {
  const byFile = new Map(jobs.map((j) => [j.file, j]));
  const cells = jobs.map(toCell);
  const started = Date.now();
  const run: RunCell | undefined = o.run && ((cell, onLine) => o.run!(byFile.get(cell.file)!, onLine));
  const counts = o.queue
    ? await runOnQueue(cells, { dir: o.dir, log: o.log, url: o.queue })
    : await runLocal(cells, { dir: o.dir, parallel: o.parallel, backend: o.backend, log: o.log, run });
  if (counts.ran) addTiming(o.dir, { runs: counts.ran, wallMs: Date.now() - started, parallel: o.queue ? 0 : o.parallel });
  return counts;
}

/** Wall-clock time spent running jobs in this folder, summed over the invocations that ran some (parallel 0: through the queue). */
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
