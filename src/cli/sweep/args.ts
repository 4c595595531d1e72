import { cpus } from 'node:os';
import { basename } from 'node:path';
import { redisConnection } from './queueConfig';

export const USAGE = 'usage: npm run sweep -- GRID.json [--out DIR] [--parallel N] [--backend NAME] [--queue redis://HOST:PORT] [--report [--figures DIR]] [--dead-letters]';

export interface SweepArgs {
  grid?: string;
  /** The sweep's folder (default runs/sweep-<grid file's name>). */
  out?: string;
  parallel: number;
  backend: string;
  queue?: string;
  report: boolean;
  /** Where --report writes its heatmaps (default <out>/figures). */
  figures?: string;
  /** List the queue's failed jobs and exit. */
  deadLetters: boolean;
}

export class SweepUsageError extends Error {}

export function parseSweepArgs(argv: readonly string[]): SweepArgs {
  const a: SweepArgs = { parallel: cpus().length, backend: 'auto', report: false, deadLetters: false };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    const next = () => { const n = argv[++i]; if (n === undefined || n.startsWith('--')) throw new SweepUsageError(`${v} needs a value\n${USAGE}`); return n; };
    if (v === '--out') a.out = next();
    else if (v === '--parallel') { a.parallel = Number(next()); if (!Number.isInteger(a.parallel) || a.parallel < 1) throw new SweepUsageError(`--parallel must be a positive integer\n${USAGE}`); }
    else if (v === '--backend') a.backend = next();
    else if (v === '--queue') { a.queue = next(); try { redisConnection(a.queue); } catch (e) { throw new SweepUsageError((e as Error).message); } }
    else if (v === '--report') a.report = true;
    else if (v === '--figures') a.figures = next();
    else if (v === '--dead-letters') a.deadLetters = true;
    else if (!v.startsWith('-') && a.grid === undefined) a.grid = v;
    else throw new SweepUsageError(`unknown argument ${v}\n${USAGE}`);
  }
  if (a.deadLetters && !a.queue) throw new SweepUsageError(`--dead-letters needs --queue\n${USAGE}`);
  if (!a.deadLetters && !a.grid) throw new SweepUsageError(`which grid file?\n${USAGE}`);
  if (a.figures && !a.report) throw new SweepUsageError(`--figures is for --report\n${USAGE}`);
  return a;
}

export const defaultOut = (grid: string): string => `runs/sweep-${basename(grid).replace(/\.json$/i, '')}`;
