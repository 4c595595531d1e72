/**
 * `npm run sweep -- GRID.json [--out DIR] [--parallel N] [--queue redis://HOST:PORT] [--report]`
 * Runs every cell of a grid of config values (docs/sweeps.md): in worker threads on this machine,
 * or through a BullMQ queue on Redis for `npm run sweep-worker` processes on any machine. Finished
 * cells are kept in --out and skipped, so an interrupted sweep resumes. --report turns the results
 * into a table (mean ± sd over seeds per cell) and heatmaps. Exit codes: 0 done, 1 runtime failure
 * (a cell failed every attempt, listed), 2 bad usage or an invalid grid (the field named).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { ConfigError } from '../../engine/config/parse';
import { formatDuration } from '../format';
import { defaultOut, parseSweepArgs, SweepUsageError, type SweepArgs } from './args';
import type { Cell } from './cell';
import { axesOf, expandGrid, gridBase } from './expand';
import { GridError, parseGrid, type Grid } from './grid';
import { heatmaps } from './heatmap';
import { runLocal, type SweepCounts } from './local';
import { specPng } from './render';
import { buildReport, reportTable } from './report';
import { deadLetters, runOnQueue } from './submit';

const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

/** The grid file read, validated and expanded: every cell's config checked before anything runs. */
export function loadGrid(path: string): { grid: Grid; cells: Cell[] } {
  let raw: unknown;
  try {
    raw = readJson(path);
  } catch (e) {
    throw new SweepUsageError(`${path}: ${(e as Error).message}`);
  }
  const grid = parseGrid(raw);
  let base: unknown;
  try {
    base = gridBase(grid, dirname(path), readJson);
  } catch (e) {
    throw new GridError([{ field: 'config', message: (e as Error).message }]);
  }
  return { grid, cells: expandGrid(grid, base) };
}

/** Runs the grid's unfinished cells, locally or through the queue. */
export async function runSweep(a: SweepArgs, cells: readonly Cell[], log: (s: string) => void): Promise<SweepCounts> {
  const dir = a.out ?? defaultOut(a.grid!);
  const started = Date.now();
  log(`${cells.length} cells in ${dir}, ${a.queue ? `through ${a.queue}` : `${a.parallel} at a time`}`);
  const counts = a.queue
    ? await runOnQueue(cells, { dir, log, url: a.queue })
    : await runLocal(cells, { dir, backend: a.backend, log, parallel: a.parallel });
  log(`sweep done: ${counts.ran} cells ran, ${counts.skipped} were done · ${formatDuration(Date.now() - started)}`);
  return counts;
}

/** Writes <out>/report.md (the table and the heatmaps) and the heatmap PNGs; returns the table. */
export async function writeReport(a: SweepArgs, grid: Grid, cells: readonly Cell[], log: (s: string) => void): Promise<string> {
  const dir = a.out ?? defaultOut(a.grid!);
  const figures = a.figures ?? join(dir, 'figures');
  const report = buildReport(dir, cells, axesOf(grid));
  const table = reportTable(report);
  mkdirSync(figures, { recursive: true });
  const maps = heatmaps(report);
  for (const m of maps) writeFileSync(join(figures, `${m.name}.png`), await specPng(m.spec));
  const md = [`# Sweep ${a.grid}`, '', `${cells.length} cells; mean ± sd over seeds, in percent.`, '', table, '', ...maps.flatMap((m) => [`![${m.title}](${relative(dir, join(figures, `${m.name}.png`))})`, ''])].join('\n');
  writeFileSync(join(dir, 'report.md'), md);
  log(`wrote ${join(dir, 'report.md')} and ${maps.length} heatmaps in ${figures}`);
  return table;
}

async function main(argv: string[]): Promise<number> {
  const log = (s: string) => process.stderr.write(`${s}\n`);
  let a: SweepArgs | undefined;
  let loaded: { grid: Grid; cells: Cell[] } | undefined;
  try {
    a = parseSweepArgs(argv);
    if (a.grid) loaded = loadGrid(a.grid);
  } catch (e) {
    if (e instanceof GridError || e instanceof ConfigError) console.error(`error: invalid grid ${a?.grid}\n  ${e.message.split('\n').join('\n  ')}`);
    else if (e instanceof SweepUsageError) console.error(`error: ${e.message}`);
    else throw e;
    return 2;
  }
  if (a.deadLetters) {
    const dead = await deadLetters(a.queue!);
    console.log(dead.length ? dead.map((d) => `${d.name}\t[job ${d.id}]\t${d.attempts} attempts\t${d.reason}`).join('\n') : 'no failed jobs');
    return 0;
  }
  if (a.report) console.log(await writeReport(a, loaded!.grid, loaded!.cells, log));
  else await runSweep(a, loaded!.cells, log);
  return 0;
}

if (process.argv[1] && /sweep[/\\]sweep\.ts$/.test(process.argv[1])) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (e) => { console.error(`error: ${(e as Error).message}`); process.exit(1); },
  );
}
