/**
 * `npm run reproduce -- chen-omniglot [--quick | --tiny] [--seeds N] [--out DIR] [--docs DIR] [--backend NAME] [--queue redis://HOST:PORT]`
 * Runs a paper's experiments over several seeds, each next to its benign twin (resumable: finished
 * runs are kept in --out and skipped), then writes one PNG per paper figure and a results page
 * with the paper's numbers beside ours. With --queue the runs go to `npm run sweep-worker` processes
 * through Redis (docs/sweeps.md) instead of this machine's worker threads. Exit codes: 0 done, 1 runtime failure, 2 bad usage.
 */
import { cpus } from 'node:os';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { formatDuration } from '../format';
import { isReproduction, reproductions } from './registry';
import { claimsTable } from './claims';
import { figurePng } from './figure';
import { expandJobs } from './plan';
import { makeMissingCheckpoints } from './prerequisites';
import { Results } from './results';
import { upsertSection } from './resultsPage';
import type { ScaleName } from './reproduction';
import { readTiming, runJobs, type RunJobsOptions, type Timing } from './runJobs';
import { redisConnection } from '../sweep/queueConfig';

const cpuCount = () => cpus().length;

const USAGE = 'usage: npm run reproduce -- <reproduction> [--quick | --tiny] [--seeds N] [--parallel N] [--out DIR] [--docs DIR] [--backend NAME] [--queue redis://HOST:PORT] [--report-only]';

export interface ReproduceArgs { paper: string; scale: string; seeds?: number; out?: string; docs: string; backend: string; reportOnly: boolean; parallel: number; queue?: string }

/** How a job runs (default: a worker thread); tests run them in-process. */
export type JobRunner = RunJobsOptions['run'];

export function parseReproduceArgs(argv: readonly string[]): ReproduceArgs {
  const a: ReproduceArgs = { paper: '', scale: 'full', docs: 'docs', backend: 'auto', reportOnly: false, parallel: cpus().length };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i];
    const next = () => { const n = argv[++i]; if (n === undefined) throw new Error(`${v} needs a value\n${USAGE}`); return n; };
    if (v === '--quick') a.scale = 'quick';
    else if (v === '--tiny') a.scale = 'tiny';
    else if (v === '--seeds') { a.seeds = Number(next()); if (!Number.isInteger(a.seeds) || a.seeds < 1 || a.seeds > 50) throw new Error(`--seeds must be an integer from 1 to 50\n${USAGE}`); }
    else if (v === '--parallel') { a.parallel = Number(next()); if (!Number.isInteger(a.parallel) || a.parallel < 1) throw new Error(`--parallel must be a positive integer\n${USAGE}`); }
    else if (v === '--out') a.out = next();
    else if (v === '--docs') a.docs = next();
    else if (v === '--backend') a.backend = next();
    else if (v === '--queue') { a.queue = next(); redisConnection(a.queue); }
    else if (v === '--report-only') a.reportOnly = true;
    else if (!v.startsWith('-') && !a.paper) a.paper = v;
    else throw new Error(`unknown argument ${v}\n${USAGE}`);
  }
  if (!isReproduction(a.paper)) throw new Error(`${a.paper ? `unknown reproduction ${a.paper}` : 'which reproduction?'} (${Object.keys(reproductions).join(', ')})\n${USAGE}`);
  return a;
}

export async function reproduce(a: ReproduceArgs, log: (s: string) => void, run?: JobRunner): Promise<{ ran: number; skipped: number }> {
  const rep = reproductions[a.paper];
  const scale = rep.scale(a.scale as ScaleName);
  const seeds = a.seeds ?? scale.seeds;
  const out = a.out ?? join('runs', `${a.paper}-${scale.name}`);
  const studies = rep.studies(scale);
  const jobs = expandJobs(studies, seeds);
  const started = Date.now();
  log(`${a.paper} (${scale.name}): ${studies.length} studies × ${seeds} seeds = ${jobs.length} runs in ${out}, ${a.queue ? `through ${a.queue}` : `${a.parallel} at a time`}`);
  if (!a.reportOnly) await makeMissingCheckpoints(rep.checkpoints?.(scale) ?? [], a.backend, log);
  const counts = a.reportOnly ? { ran: 0, skipped: jobs.length } : await runJobs(jobs, { dir: out, parallel: a.parallel, backend: a.backend, log, run, queue: a.queue });
  const results = new Results(out, studies, seeds);
  const figDir = join(a.docs, 'figures', a.paper);
  mkdirSync(figDir, { recursive: true });
  const figures = rep.figures(results, scale);
  for (const [name, fig] of Object.entries(figures)) writeFileSync(join(figDir, `${name}.png`), await figurePng(fig));
  const body = section(a, rep.title, rep.about, scale.name, seeds, scale.notes, claimsTable(rep.claims(results, scale)), Object.entries(figures).map(([n, f]) => ({ title: f.title, path: relative(a.docs, join(figDir, `${n}.png`)) })), jobs.length, readTiming(out));
  upsertSection(join(a.docs, 'results.md'), a.paper, body, Object.keys(reproductions));
  log(`wrote ${Object.keys(figures).length} figures to ${figDir} and ${join(a.docs, 'results.md')} · ${formatDuration(Date.now() - started)}`);
  return counts;
}

function section(a: ReproduceArgs, title: string, about: string, scale: string, seeds: number, notes: string[], table: string, figs: { title: string; path: string }[], runs: number, timing: Timing | null): string {
  const cmd = `npm run reproduce -- ${a.paper}${scale === 'full' ? '' : ` --${scale}`}${a.seeds ? ` --seeds ${a.seeds}` : ''}`;
  return [
    `## ${title}`,
    '',
    `Written by \`${cmd}\` (scale **${scale}**, ${seeds} seeds, ${runs} runs${timing ? `; running them took ${formatDuration(timing.wallMs)} of wall-clock time, ${timing.parallel ? `${timing.parallel} at a time on ${cpuCount()} cores` : 'through the job queue'}` : ''}).`,
    '',
    about,
    '',
    '### Scale',
    '',
    ...notes.map((n) => `- ${n}`),
    '',
    '### The paper\'s numbers beside ours',
    '',
    'Ours is the mean ± sd over seeds; the verdict is within ±10 points of a stated value, or whether a stated bound or ordering holds.',
    '',
    table,
    '',
    '### Figures',
    '',
    ...figs.flatMap((f) => [`#### ${f.title}`, '', `![${f.title}](${f.path})`, '']),
  ].join('\n');
}

if (process.argv[1] && /reproduce\.ts$/.test(process.argv[1])) {
  let args: ReproduceArgs;
  try {
    args = parseReproduceArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`error: ${(e as Error).message}`);
    process.exit(2);
  }
  reproduce(args, (s) => process.stderr.write(`${s}\n`)).then(
    () => process.exit(0),
    (e) => { console.error(`error: ${(e as Error).message}`); process.exit(1); },
  );
}
