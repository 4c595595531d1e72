import { createHash } from 'node:crypto';
import type { ExperimentConfig } from '../../engine/config/schema';

/**
 * One job of a sweep: a validated config whose JSON lines go to `file` (relative to the sweep's
 * folder), each line stamped with `stamp` (the cell's grid values, or a study's series and seed).
 */
export interface Cell {
  /** Human name, unique in its sweep: `attack.boost=3,seed=1`. */
  name: string;
  file: string;
  config: ExperimentConfig;
  stamp: Record<string, unknown>;
}

/**
 * The queue's job id of a cell: a hash of its config and stamp, so the same cell submitted twice
 * (a resumed sweep, a second machine) is one job, and a changed config is a new one.
 */
export function cellKey(c: Pick<Cell, 'config' | 'stamp'>): string {
  return createHash('sha256').update(canonical({ config: c.config, stamp: c.stamp })).digest('hex').slice(0, 24);
}

/** JSON with object keys sorted, so equal values hash equally whatever their key order. */
export function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}
