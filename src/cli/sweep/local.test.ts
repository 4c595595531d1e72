import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Cell } from './cell';
import { expandGrid, gridBase } from './expand';
import { parseGrid } from './grid';
import { runLocal, type RunCell } from './local';
import { pendingCells, readCell, resultPath } from './store';

const grid = parseGrid({ preset: 'synthetic-tiny', grid: { 'reptile.innerSteps': [2, 3], seed: [1, 2, 3] } });
const cells = expandGrid(grid, gridBase(grid, '.', () => ({})));

/** A stand-in for a run: two lines per cell, made from its config; `failOn` dies half-way through that cell. */
const fake = (ran: string[], failOn?: string): RunCell => async (cell, onLine) => {
  ran.push(cell.name);
  onLine({ phase: 'initial', round: 0, metaTestAccuracy: cell.config.seed / 10 });
  if (cell.name === failOn) throw new Error('killed');
  onLine({ phase: 'final', round: 1, metaTestAccuracy: cell.config.reptile.innerSteps / 10 });
};

describe('the local sweep runner resumes', () => {
  let dir = '';
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const run = (ran: string[], failOn?: string) => runLocal(cells, { dir, parallel: 1, backend: 'cpu', log: () => {}, run: fake(ran, failOn) });

  it('runs every cell once, in order, each file a whole run stamped with its values', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const ran: string[] = [];
    expect(await run(ran)).toEqual({ ran: 6, skipped: 0 });
    expect(ran).toEqual(cells.map((c) => c.name));
    expect(readCell(dir, cells[4])).toEqual([
      { cell: 'reptile.innerSteps=3,seed=2', 'reptile.innerSteps': 3, seed: 2, phase: 'initial', round: 0, metaTestAccuracy: 0.2 },
      { cell: 'reptile.innerSteps=3,seed=2', 'reptile.innerSteps': 3, seed: 2, phase: 'final', round: 1, metaTestAccuracy: 0.3 },
    ]);
  });

  it('after an interruption, runs only the cells without a result and never reads a half-written one', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const first: string[] = [];
    await expect(run(first, cells[2].name)).rejects.toThrow('killed');
    expect(first).toEqual(cells.slice(0, 3).map((c) => c.name));
    // The interrupted cell left only its .partial: not a result.
    expect(existsSync(`${resultPath(dir, cells[2])}.partial`)).toBe(true);
    expect(readCell(dir, cells[2])).toBeNull();
    expect(pendingCells(dir, cells).map((c: Cell) => c.name)).toEqual(cells.slice(2).map((c) => c.name));
    const kept = statSync(resultPath(dir, cells[0])).mtimeMs;

    const second: string[] = [];
    expect(await run(second)).toEqual({ ran: 4, skipped: 2 });
    expect(second).toEqual(cells.slice(2).map((c) => c.name));
    expect(statSync(resultPath(dir, cells[0])).mtimeMs).toBe(kept);
    expect(readCell(dir, cells[2])).toHaveLength(2);
    expect(existsSync(`${resultPath(dir, cells[2])}.partial`)).toBe(false);

    const third: string[] = [];
    expect(await run(third)).toEqual({ ran: 0, skipped: 6 });
    expect(third).toEqual([]);
  });

  it('treats a result file as done whatever is in it, and a stray .partial as not done', () => {
    dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    writeFileSync(resultPath(dir, cells[1]), '');
    writeFileSync(`${resultPath(dir, cells[3])}.partial`, '{"phase":"initial"}\n');
    expect(pendingCells(dir, cells).map((c) => c.name)).toEqual([0, 2, 3, 4, 5].map((i) => cells[i].name));
  });

  it('runs several cells at once and still writes each to its own file', async () => {
    dir = mkdtempSync(join(tmpdir(), 'sweep-'));
    const ran: string[] = [];
    const logs: string[] = [];
    expect(await runLocal(cells, { dir, parallel: 3, backend: 'cpu', log: (s) => logs.push(s), run: fake(ran) })).toEqual({ ran: 6, skipped: 0 });
    expect([...ran].sort()).toEqual(cells.map((c) => c.name).sort());
    for (const c of cells) expect(readCell(dir, c)!.every((l) => l.cell === c.name && l.seed === c.config.seed)).toBe(true);
    expect(logs.at(-1)).toMatch(/^\[#{20}\] 6\/6 .* ETA /);
  });
});
