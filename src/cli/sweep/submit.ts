import { setTimeout as sleep } from 'node:timers/promises';
import { Queue } from 'bullmq';
import { cellKey, type Cell } from './cell';
import type { SweepCounts, SweepRunOptions } from './local';
import { Progress } from './progress';
import { JOB_OPTIONS, QUEUE_NAME, redisConnection, type CellJobData, type CellJobResult } from './queueConfig';
import { CellWriter, pendingCells } from './store';

export interface QueueRunOptions extends SweepRunOptions {
  /** redis://HOST:PORT */
  url: string;
  /** How often to ask Redis about the unfinished jobs. */
  pollMs?: number;
  /** Attempts per cell and the pause before a retry (default JOB_OPTIONS: 3, from 10 s doubling). */
  retry?: { attempts: number; backoffMs: number };
}

/** A job that failed every attempt: the dead-letter list. */
export interface DeadLetter { id: string; name: string; reason: string; attempts: number }

export class SweepFailed extends Error {
  constructor(readonly dead: DeadLetter[]) {
    super(`${dead.length} cell${dead.length > 1 ? 's' : ''} failed every attempt (rerun the sweep to retry them):\n${dead.map((d) => `  ${d.name} [job ${d.id}] after ${d.attempts} attempts: ${d.reason}`).join('\n')}`);
    this.name = 'SweepFailed';
  }
}

/**
 * The queue runner: the unfinished cells become BullMQ jobs (`npm run sweep-worker` processes
 * run them, anywhere that reaches Redis) and each result is written to its cell's file as it
 * arrives. Submitting is idempotent (job id = the cell's hash), so a resumed sweep waits for jobs
 * already queued or finished instead of running them again; failed ones are retried afresh.
 */
export async function runOnQueue(cells: readonly Cell[], o: QueueRunOptions): Promise<SweepCounts> {
  const todo = pendingCells(o.dir, cells);
  const skipped = cells.length - todo.length;
  if (skipped) o.log(`${skipped} of ${cells.length} cells already done (resuming)`);
  const queue = new Queue<CellJobData, CellJobResult>(QUEUE_NAME, { connection: redisConnection(o.url) });
  try {
    const options = o.retry ? { ...JOB_OPTIONS, attempts: o.retry.attempts, backoff: { type: 'fixed', delay: o.retry.backoffMs } } : JOB_OPTIONS;
    const waiting = new Map(todo.map((c) => [cellKey(c), c]));
    for (const [id, cell] of waiting) {
      const job = await queue.getJob(id);
      if (!job) await queue.add(cell.name, { name: cell.name, config: cell.config }, { jobId: id, ...options });
      else if ((await job.getState()) === 'failed') await job.retry('failed', { resetAttemptsMade: true, resetAttemptsStarted: true });
    }
    o.log(`${todo.length} cells queued on ${o.url} (queue ${QUEUE_NAME}); start workers with npm run sweep-worker -- --queue ${o.url}`);
    const progress = new Progress(todo, skipped, o.log);
    const dead: DeadLetter[] = [];
    while (waiting.size) {
      for (const [id, cell] of waiting) {
        const state = await queue.getJobState(id);
        // Removed from Redis meanwhile (by hand, or a flushed queue): submit it again.
        if (state === 'unknown') await queue.add(cell.name, { name: cell.name, config: cell.config }, { jobId: id, ...options });
        if (state !== 'completed' && state !== 'failed') continue;
        const job = (await queue.getJob(id))!;
        if (state === 'completed') {
          const out = new CellWriter(o.dir, cell);
          for (const line of String(job.returnvalue).split('\n').filter(Boolean)) out.line(JSON.parse(line) as object);
          out.finish();
          progress.finished(cell);
        } else {
          dead.push({ id, name: cell.name, reason: job.failedReason, attempts: job.attemptsMade });
          o.log(`${cell.name} failed ${job.attemptsMade} times: ${job.failedReason}`);
        }
        waiting.delete(id);
      }
      if (waiting.size) await sleep(o.pollMs ?? 1000);
    }
    if (dead.length) throw new SweepFailed(dead);
    return { ran: todo.length, skipped };
  } finally {
    await queue.close();
  }
}

/** The queue's dead-letter list: jobs that failed every attempt, newest first. */
export async function deadLetters(url: string): Promise<DeadLetter[]> {
  const queue = new Queue<CellJobData, CellJobResult>(QUEUE_NAME, { connection: redisConnection(url) });
  try {
    return (await queue.getFailed()).map((j) => ({ id: String(j.id), name: j.name, reason: j.failedReason, attempts: j.attemptsMade }));
  } finally {
    await queue.close();
  }
}
