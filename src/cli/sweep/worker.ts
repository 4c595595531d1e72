/**
 * `npm run sweep-worker -- --queue redis://HOST:PORT [--concurrency N] [--backend NAME]`
 * Takes sweep cells from the BullMQ queue and runs each in a worker thread, as many at once as
 * --concurrency (default: this machine's cores). Start it on any number of machines with this
 * checkout, its datasets and checkpoints. SIGINT/SIGTERM finish the running cells, then exit; a
 * worker killed outright loses nothing: its cells' locks expire and another worker takes them.
 */
import { cpus } from 'node:os';
import { Worker } from 'bullmq';
import { parseConfig } from '../../engine/config/parse';
import { runInWorker } from '../workerThread';
import { QUEUE_NAME, redisConnection, type CellJobData, type CellJobResult } from './queueConfig';

export interface WorkerOptions {
  url: string;
  concurrency: number;
  backend: string;
  /** A cell's lock lasts this long and is renewed at half of it; a dead worker's cells return to the queue after it. */
  lockMs: number;
  /** How often this worker looks for cells whose lock expired. */
  stalledMs: number;
  log: (s: string) => void;
}

/** A started worker; `close()` waits for its running cells. */
export function startSweepWorker(o: WorkerOptions): Worker<CellJobData, CellJobResult> {
  const w = new Worker<CellJobData, CellJobResult>(QUEUE_NAME, async (job) => {
    o.log(`start ${job.id} ${job.name} (attempt ${job.attemptsStarted})`);
    const lines: string[] = [];
    // Parsed again here: a worker on an older checkout refuses a config it does not know.
    await runInWorker(parseConfig(job.data.config), o.backend, (l) => lines.push(JSON.stringify(l)), job.name);
    return lines.join('\n');
  }, {
    connection: { ...redisConnection(o.url), maxRetriesPerRequest: null },
    concurrency: o.concurrency,
    lockDuration: o.lockMs,
    stalledInterval: o.stalledMs,
    // Losing its worker twice may be bad luck; a cell that loses a third (out of memory?) fails.
    maxStalledCount: 2,
  });
  w.on('completed', (job) => o.log(`done ${job.id} ${job.name}`));
  w.on('failed', (job, err) => o.log(`failed ${job?.id} ${job?.name} (attempt ${job?.attemptsMade} of ${job?.opts.attempts}): ${err.message}`));
  w.on('error', (err) => o.log(`error: ${err.message}`));
  return w;
}

const USAGE = 'usage: npm run sweep-worker -- --queue redis://HOST:PORT [--concurrency N] [--backend NAME] [--lock-ms MS] [--stalled-ms MS]';

export function parseWorkerArgs(argv: readonly string[]): Omit<WorkerOptions, 'log'> {
  const o = { url: '', concurrency: cpus().length, backend: 'auto', lockMs: 30_000, stalledMs: 30_000 };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i];
    const next = () => { const v = argv[++i]; if (v === undefined) throw new Error(`${flag} needs a value\n${USAGE}`); return v; };
    const positive = () => { const v = Number(next()); if (!Number.isInteger(v) || v < 1) throw new Error(`${flag} must be a positive integer\n${USAGE}`); return v; };
    if (flag === '--queue') o.url = next();
    else if (flag === '--concurrency') o.concurrency = positive();
    else if (flag === '--backend') o.backend = next();
    else if (flag === '--lock-ms') o.lockMs = positive();
    else if (flag === '--stalled-ms') o.stalledMs = positive();
    else throw new Error(`unknown argument ${flag}\n${USAGE}`);
  }
  if (!o.url) throw new Error(`--queue is required\n${USAGE}`);
  redisConnection(o.url);
  return o;
}

if (process.argv[1] && /sweep[/\\]worker\.ts$/.test(process.argv[1])) {
  let opts: Omit<WorkerOptions, 'log'>;
  try {
    opts = parseWorkerArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(2);
  }
  const log = (s: string) => process.stdout.write(`${s}\n`);
  const w = startSweepWorker({ ...opts, log });
  const stop = () => { log('finishing the running cells, then exiting'); void w.close().then(() => process.exit(0)); };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  w.waitUntilReady().then(
    () => log(`ready: ${opts.url} queue ${QUEUE_NAME}, ${opts.concurrency} at a time`),
    (e) => { console.error(`error: ${(e as Error).message}`); process.exit(1); },
  );
}
