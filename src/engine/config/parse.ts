import type { z } from 'zod';
import { configSchema, type ConfigInput, type ExperimentConfig } from './schema';

/** A config problem, with the dotted field path and what is allowed. */
export class ConfigError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('\n'));
    this.name = 'ConfigError';
  }
}

const fieldOf = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : '(root)');

function describe(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = fieldOf(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        field: issue.keys.map((k) => (issue.path.length ? `${field}.${k}` : k)).join(', '),
        message: `unknown field (allowed: ${allowedKeys(issue.path).join(', ')})`,
      };
    case 'invalid_union':
      return { field, message: `${issue.message}` };
    default:
      return { field, message: issue.message };
  }
}

/** Keys the schema accepts at a path, for "unknown field" messages. */
function allowedKeys(path: readonly PropertyKey[]): string[] {
  let s: unknown = configSchema;
  for (const key of path) s = shapeOf(s)?.[String(key)];
  return Object.keys(shapeOf(s) ?? {});
}

function shapeOf(s: unknown): Record<string, unknown> | undefined {
  // Unwrap defaults/prefaults/pipes until an object shape shows up.
  let cur = s as { shape?: Record<string, unknown>; def?: { innerType?: unknown; in?: unknown; schema?: unknown } } | undefined;
  for (let i = 0; i < 6 && cur; i++) {
    if (cur.shape) return cur.shape;
    cur = (cur.def?.innerType ?? cur.def?.in ?? cur.def?.schema) as typeof cur;
  }
  return undefined;
}

export function parseConfig(input: unknown): ExperimentConfig {
  const r = configSchema.safeParse(input ?? {});
  if (!r.success) throw new ConfigError(r.error.issues.map(describe));
  return r.data;
}

export const defaultConfig = (): ExperimentConfig => parseConfig({});

/** Deep-merge plain objects (arrays and scalars replace). Used for presets and overrides. */
export function mergeConfig<T>(base: T, patch: unknown): T {
  if (!isPlain(base) || !isPlain(patch)) return (patch === undefined ? base : patch) as T;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) out[k] = k in out ? mergeConfig(out[k], v) : v;
  // A different strategy kind replaces the whole object: knobs of the old kind don't carry over.
  if ('kind' in patch && (base as Record<string, unknown>).kind !== patch.kind) return { ...patch } as T;
  return out as T;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** Set `a.b.c` in a plain object from a CLI/URL string value (JSON when it parses, else a string). */
export function setPath(obj: Record<string, unknown>, dotted: string, raw: string): void {
  const keys = dotted.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (!isPlain(cur[k])) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  let value: unknown = raw;
  try { value = JSON.parse(raw); } catch { /* keep as string */ }
  cur[keys[keys.length - 1]] = value;
}

export type { ConfigInput };
