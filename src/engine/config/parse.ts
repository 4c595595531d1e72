import type { z } from 'zod';
import { ConfigError } from './configError';
import { checkConfigPath } from './knownPaths';
import { isReservedKey, reservedKeyMessage, reservedKeyPath } from './reserved';
import { configSchema, type ConfigInput, type ExperimentConfig } from './schema';

export { ConfigError };

// An empty key (`{"": 1}` in a config file) is shown as "" so the message still names it.
const segment = (k: PropertyKey) => (String(k) === '' ? '""' : String(k));
const fieldOf = (path: readonly PropertyKey[]) => (path.length ? path.map(segment).join('.') : '(root)');

function describe(issue: z.core.$ZodIssue): { field: string; message: string } {
  const field = fieldOf(issue.path);
  switch (issue.code) {
    case 'unrecognized_keys':
      return {
        field: issue.keys.map((k) => (issue.path.length ? `${field}.${segment(k)}` : segment(k))).join(', '),
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

const reservedError = (path: string) =>
  new ConfigError([{ field: path, message: reservedKeyMessage(path.split('.').pop()!) }]);

/** Validate plain data against the one schema; a reserved key anywhere is refused before zod sees it. */
export function parseConfig(input: unknown): ExperimentConfig {
  const reserved = reservedKeyPath(input);
  if (reserved) throw reservedError(reserved);
  const r = configSchema.safeParse(input ?? {});
  if (!r.success) throw new ConfigError(r.error.issues.map(describe));
  return r.data;
}

export const defaultConfig = (): ExperimentConfig => parseConfig({});

/**
 * Deep-merge plain objects (arrays and scalars replace). Used for presets and overrides.
 * Only own keys are followed, and a reserved key (`__proto__`, …) in the patch is a ConfigError,
 * so a hostile patch cannot reach a prototype through `out[k] = …`.
 */
export function mergeConfig<T>(base: T, patch: unknown): T {
  return merge(base, patch, '') as T;
}

function merge(base: unknown, patch: unknown, at: string): unknown {
  if (!isPlain(base) || !isPlain(patch)) return patch === undefined ? base : patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    const here = at ? `${at}.${k}` : k;
    if (isReservedKey(k)) throw reservedError(here);
    out[k] = Object.hasOwn(out, k) ? merge(out[k], v, here) : v;
  }
  // A different strategy kind replaces the whole object: knobs of the old kind don't carry over.
  if (Object.hasOwn(patch, 'kind') && base.kind !== patch.kind) return { ...patch };
  return out;
}

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Set `a.b.c` in a plain object from a CLI/URL string value (JSON when it parses, else a string).
 * The path must be one the schema knows (else a ConfigError naming it), checked before anything
 * is assigned; the value's own keys are checked when the patch is merged and parsed.
 */
export function setPath(obj: Record<string, unknown>, dotted: string, raw: string): void {
  checkConfigPath(dotted);
  const keys = dotted.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (!Object.hasOwn(cur, k) || !isPlain(cur[k])) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  let value: unknown = raw;
  try { value = JSON.parse(raw); } catch { /* keep as string */ }
  cur[keys[keys.length - 1]] = value;
}

export type { ConfigInput };
