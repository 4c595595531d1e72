import type { ExperimentConfig } from '../../engine/config/schema';

/** One BullMQ queue for every sweep: a job's id is its cell's content hash, so sweeps never collide. */
export const QUEUE_NAME = 'backdoor-lab-sweep';

/** What a job carries: the cell's validated config (checkpoint and dataset paths are the worker's, relative to its checkout). */
export interface CellJobData { name: string; config: ExperimentConfig }

/** A finished job's return value, kept in Redis: the run's JSON lines, unstamped. */
export type CellJobResult = string;

/**
 * A failed run is retried twice with a growing pause, then stays in the queue's failed set (the
 * dead-letter list). Finished and failed jobs are kept: Redis is the results' store until the
 * sweep command has written them to files named by cell.
 */
export const JOB_OPTIONS = { attempts: 3, backoff: { type: 'exponential', delay: 10_000 }, removeOnComplete: false, removeOnFail: false } as const;

export interface Connection { host: string; port: number; username?: string; password?: string; db?: number }

/** `redis://[user:password@]HOST[:PORT][/DB]` as BullMQ's connection options. */
export function redisConnection(url: string): Connection {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new Error(`--queue expects redis://HOST:PORT, got "${url}"`);
  }
  if (u.protocol !== 'redis:' || !u.hostname) throw new Error(`--queue expects redis://HOST:PORT, got "${url}"`);
  const db = u.pathname.length > 1 ? Number(u.pathname.slice(1)) : undefined;
  if (db !== undefined && !Number.isInteger(db)) throw new Error(`--queue: the database after the port must be a number, got "${u.pathname.slice(1)}"`);
  return {
    host: u.hostname,
    port: u.port ? Number(u.port) : 6379,
    ...(u.username ? { username: decodeURIComponent(u.username) } : {}),
    ...(u.password ? { password: decodeURIComponent(u.password) } : {}),
    ...(db !== undefined ? { db } : {}),
  };
}
