import { z } from 'zod';
import { ConfigError } from '../../engine/config/parse';
import { checkConfigPath } from '../../engine/config/knownPaths';
import { isPresetName, presets } from '../../engine/config/presets';
import { canonical } from './cell';

/**
 * A sweep's grid file: a base config (a preset, a config file or an inline config), fixed
 * overrides and, per config field, the values to sweep. Fields are the dotted paths of
 * `npm run sim -- --set k=v`; every cell of the product is one run.
 */
export interface Grid {
  preset?: string;
  /** A config file (relative to the grid file) or the config itself. */
  config?: string | Record<string, unknown>;
  set: Record<string, unknown>;
  grid: Record<string, unknown[]>;
}

/** A grid file that does not validate; each issue names the field (`grid.attack.boost[1]`). */
export class GridError extends Error {
  constructor(readonly issues: { field: string; message: string }[]) {
    super(issues.map((i) => `${i.field}: ${i.message}`).join('\n'));
    this.name = 'GridError';
  }
}

/** Fails with the schema's own words when `path` is not a config field. */
function configPathIssue(path: string): string | undefined {
  try {
    checkConfigPath(path);
    return undefined;
  } catch (e) {
    if (e instanceof ConfigError) return e.issues.map((i) => i.message).join('; ');
    throw e;
  }
}

const fieldValues = z.record(z.string(), z.json());

const gridSchema = z.strictObject({
  preset: z.string().refine(isPresetName, { message: `unknown preset (known: ${Object.keys(presets).join(', ')})` }).optional(),
  config: z.union([z.string().min(1), z.record(z.string(), z.unknown())]).optional(),
  set: fieldValues.default({}),
  grid: z.record(z.string(), z.array(z.json()).min(1, 'lists no value')),
}).superRefine((g, ctx) => {
  if (g.preset !== undefined && g.config !== undefined) ctx.addIssue({ code: 'custom', path: ['config'], message: 'give a preset or a config, not both' });
  if (Object.keys(g.grid).length === 0) ctx.addIssue({ code: 'custom', path: ['grid'], message: 'sweeps no field (e.g. "grid": { "seed": [1, 2, 3] })' });
  for (const [section, fields] of [['set', g.set], ['grid', g.grid]] as const) {
    for (const path of Object.keys(fields)) {
      const bad = configPathIssue(path);
      if (bad) ctx.addIssue({ code: 'custom', path: [section, path], message: bad });
    }
  }
  for (const [path, values] of Object.entries(g.grid)) {
    if (Object.hasOwn(g.set, path)) ctx.addIssue({ code: 'custom', path: ['grid', path], message: 'is also under "set": fix it or sweep it, not both' });
    const seen = new Map<string, number>();
    values.forEach((v, i) => {
      const k = canonical(v);
      if (seen.has(k)) ctx.addIssue({ code: 'custom', path: ['grid', path, i], message: `repeats ${k} (already at [${seen.get(k)}])` });
      else seen.set(k, i);
    });
  }
});

/** `grid.attack.boost[1]`: dotted config paths stay whole, list indices in brackets. */
const fieldName = (path: readonly PropertyKey[]) =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('') || '(root)';

/** Validates a parsed grid file. */
export function parseGrid(raw: unknown): Grid {
  const r = gridSchema.safeParse(raw);
  if (!r.success) throw new GridError(r.error.issues.map((i) => ({ field: fieldName(i.path), message: i.message })));
  return r.data as Grid;
}
