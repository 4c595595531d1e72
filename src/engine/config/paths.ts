/**
 * Dotted-path helpers over plain config objects (for diffs, URLs and generic controls).
 * Only own keys are read, so `__proto__` or `constructor` in a path finds nothing inherited.
 */

const isPlain = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** The value at `a.b.c`, or undefined when any step is missing. */
export function getPath(obj: unknown, dotted: string): unknown {
  let cur: unknown = obj;
  for (const k of dotted.split('.')) {
    if (!isPlain(cur) || !Object.hasOwn(cur, k)) return undefined;
    cur = cur[k];
  }
  return cur;
}

/** A copy of `obj` with `a.b.c` set to `value` (intermediate objects are created). */
export function withPath<T>(obj: T, dotted: string, value: unknown): T {
  const [head, ...rest] = dotted.split('.');
  const base: Record<string, unknown> = isPlain(obj) ? obj : {};
  const next = rest.length ? withPath(Object.hasOwn(base, head) ? base[head] : undefined, rest.join('.'), value) : value;
  return { ...base, [head]: next } as T;
}

/** A copy of `obj` without `a.b.c` (unchanged when it is not there). */
export function withoutPath<T>(obj: T, dotted: string): T {
  const [head, ...rest] = dotted.split('.');
  if (!isPlain(obj) || !Object.hasOwn(obj, head)) return obj;
  if (!rest.length) {
    const { [head]: _, ...others } = obj;
    return others as T;
  }
  return { ...obj, [head]: withoutPath(obj[head], rest.join('.')) } as T;
}

/** Every scalar (or array) leaf as [dotted path, value], depth first in key order. */
export function leaves(obj: unknown, prefix = ''): [string, unknown][] {
  if (!isPlain(obj)) return prefix ? [[prefix, obj]] : [];
  return Object.entries(obj).flatMap(([k, v]) => leaves(v, prefix ? `${prefix}.${k}` : k));
}

/** Leaf paths whose values differ between a and b (present in either). */
export function changedPaths(a: unknown, b: unknown): string[] {
  const va = new Map(leaves(a));
  const vb = new Map(leaves(b));
  const paths = new Set([...va.keys(), ...vb.keys()]);
  return [...paths].filter((p) => JSON.stringify(va.get(p)) !== JSON.stringify(vb.get(p)));
}
