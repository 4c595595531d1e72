import { createHash } from 'node:crypto';
import { resolve } from 'node:path';
import { ConfigError, mergeConfig, parseConfig, setPath } from '../../engine/config/parse';
import { isPresetName, presets } from '../../engine/config/presets';
import type { Cell } from './cell';
import { GridError, type Grid } from './grid';

/** The config a grid starts from: its preset, its config file (relative to the grid file's folder) or inline config. */
export function gridBase(g: Grid, gridDir: string, readJson: (path: string) => unknown): unknown {
  if (g.preset !== undefined && isPresetName(g.preset)) return structuredClone(presets[g.preset].config);
  if (typeof g.config === 'string') return readJson(resolve(gridDir, g.config));
  return structuredClone(g.config ?? {});
}

/** A value as it reads in a cell's name: plain numbers and words bare, anything else as JSON. */
const show = (v: unknown) => (typeof v === 'string' && /^[\w.+-]+$/.test(v) ? v : JSON.stringify(v));

/** `attack.boost=3,seed=1`: the swept fields in the grid's order. */
export const cellName = (values: readonly [string, unknown][]): string => values.map(([k, v]) => `${k}=${show(v)}`).join(',');

/**
 * A file name for a cell: its name where that is safe on every file system, else the safe
 * characters and a hash of the name (so two names never share a file).
 */
export function cellFile(name: string): string {
  const safe = name.replace(/[^\w.=,+-]/g, '_');
  return safe === name ? `${name}.jsonl` : `${safe}~${createHash('sha256').update(name).digest('hex').slice(0, 8)}.jsonl`;
}

/** Every combination of the grid's values, the first field outermost (as nested loops in the file's order). */
function product(grid: Record<string, unknown[]>): [string, unknown][][] {
  return Object.entries(grid).reduce<[string, unknown][][]>(
    (acc, [k, vs]) => acc.flatMap((prefix) => vs.map((v): [string, unknown][] => [...prefix, [k, v]])),
    [[]],
  );
}

/**
 * The grid's cells in order, each config validated by the one schema: a value that does not fit
 * is a GridError naming the cell and the field, before anything runs.
 */
export function expandGrid(g: Grid, base: unknown): Cell[] {
  return product(g.grid).map((values) => {
    const patch: Record<string, unknown> = {};
    // setPath takes the CLI's string form; JSON round-trips every grid value exactly.
    for (const [k, v] of [...Object.entries(g.set), ...values]) setPath(patch, k, JSON.stringify(v));
    const name = cellName(values);
    try {
      return { name, file: cellFile(name), config: parseConfig(mergeConfig(structuredClone(base), patch)), stamp: { cell: name, ...Object.fromEntries(values) } };
    } catch (e) {
      if (e instanceof ConfigError) throw new GridError(e.issues.map((i) => ({ field: `cell ${name}: ${i.field}`, message: i.message })));
      throw e;
    }
  });
}

/** The swept fields other than the seed: the rows of a report (the seed is what it averages over). */
export const axesOf = (g: Grid): string[] => Object.keys(g.grid).filter((k) => k !== 'seed');
