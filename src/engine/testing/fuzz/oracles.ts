/**
 * Fuzz helpers: what a setting means and whether an error names it. Shared by the property
 * tests of the config entry points (--set, URL, config JSON).
 */

/** A raw `--set` / `set.` value as setPath reads it: JSON when it parses, else the string. */
export function parsedRaw(raw: string): unknown {
  try { return JSON.parse(raw); } catch { return raw; }
}

/** Values that come back from the schema as they went in (objects get defaults filled in). */
export const isScalar = (v: unknown): boolean => typeof v !== 'object' || v === null || Array.isArray(v);

/** One path is the other, or inside it. */
export const touches = (a: string, b: string): boolean => a === b || a.startsWith(`${b}.`) || b.startsWith(`${a}.`);

const strategyOf = (p: string) => (p.endsWith('.kind') ? p.slice(0, -'kind'.length) : undefined);

/**
 * Whether an issue's field (or comma-separated fields) names the setting at `path`: the field or
 * an object around it; or, within one strategy, its kind (a knob of another kind was set) or,
 * when the kind was set, one of its knobs (a field the new kind needs).
 */
export const namesField = (path: string, field: string): boolean =>
  field.split(', ').some((f) =>
    touches(path, f) || path.startsWith(strategyOf(f) ?? '\0') || f.startsWith(strategyOf(path) ?? '\0'));
