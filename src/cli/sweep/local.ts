import { runInWorker } from '../workerThread';
import type { Cell } from './cell';
import { Progress } from './progress';
import { CellWriter, pendingCells } from './store';

/** Runs one cell, its evaluation and fine-tuning points to `onLine`. */
export type RunCell = (cell: Cell, onLine: (line: object) => void) => Promise<void>;

export interface SweepRunOptions {
  /** The sweep's folder: one JSON-lines file per cell. */
  dir: string;
  log: (s: string) => void;
}

export interface LocalOptions extends SweepRunOptions {
  parallel: number;
  backend: string;
  /** Default: a worker thread per cell; injectable so tests can run cells in-process. */
  run?: RunCell;
}

export interface SweepCounts { ran: number; skipped: number }

const inWorker = (backend: string): RunCell => (cell, onLine) => runInWorker(cell.config, backend, onLine, cell.name);

/**
 * The embedded runner: the cells whose result file is missing run in worker threads on this
 * machine, `parallel` at a time (each lane takes the next cell until none is left).
 */
export async function runLocal(cells: readonly Cell[], o: LocalOptions): Promise<SweepCounts> {
  const todo = pendingCells(o.dir, cells);
  const skipped = cells.length - todo.length;
  if (skipped) o.log(`${skipped} of ${cells.length} cells already done (resuming)`);
  const progress = new Progress(todo, skipped, o.log);
  const run = o.run ?? inWorker(o.backend);
  let next = 0;
  const lane = async () => {
    while (next < todo.length) {
      const cell = todo[next++];
      const out = new CellWriter(o.dir, cell);
      await run(cell, (l) => out.line(l));
      out.finish();
      progress.finished(cell);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(o.parallel, todo.length)) }, lane));
  return { ran: todo.length, skipped };
}
