import { appendFileSync, existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Cell } from './cell';

/**
 * A sweep's results on disk: one JSON-lines file per cell. A run writes `<file>.partial` and
 * renames it when it has finished, so a file without the suffix is always a whole run and an
 * interrupted sweep resumes by skipping exactly the cells whose file is there.
 */
export const resultPath = (dir: string, c: Pick<Cell, 'file'>): string => join(dir, c.file);

export const isDone = (dir: string, c: Pick<Cell, 'file'>): boolean => existsSync(resultPath(dir, c));

/** The cells still to run, in the sweep's order. */
export function pendingCells<C extends Pick<Cell, 'file'>>(dir: string, cells: readonly C[]): C[] {
  return cells.filter((c) => !isDone(dir, c));
}

/** Stamps a run's lines with the cell's values and streams them to `.partial`; `finish` makes it a result. */
export class CellWriter {
  private readonly partial: string;

  constructor(private readonly dir: string, private readonly cell: Cell) {
    const path = resultPath(dir, cell);
    mkdirSync(dirname(path), { recursive: true });
    this.partial = `${path}.partial`;
    writeFileSync(this.partial, '');
  }

  line(l: object): void {
    appendFileSync(this.partial, JSON.stringify({ ...this.cell.stamp, ...l }) + '\n');
  }

  finish(): void {
    renameSync(this.partial, resultPath(this.dir, this.cell));
  }
}

/** The JSON lines of a finished cell, or null when it has not finished. */
export function readCell(dir: string, c: Pick<Cell, 'file'>): Record<string, unknown>[] | null {
  if (!isDone(dir, c)) return null;
  return readFileSync(resultPath(dir, c), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}
