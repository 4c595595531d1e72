/**
 * Keys that reach an object's prototype when walked or assigned (`o.__proto__.x = 1` sets `x`
 * on every object of the page). No schema field has these names, so any input that holds one
 * — a URL, `--set`, a config file, a checkpoint header — is rejected before it is merged.
 * No imports: the checkpoint and dataset decoders use this without pulling in the schema.
 */
const RESERVED = new Set(['__proto__', 'prototype', 'constructor']);

export const isReservedKey = (key: string): boolean => RESERVED.has(key);

export const reservedKeyMessage = (key: string): string =>
  `"${key}" is a reserved name, never a field (it would reach the prototype of every object)`;

/**
 * The dotted path of the first reserved own key anywhere in a JSON-like value, or undefined.
 * JSON.parse makes `"__proto__"` an own key: harmless until something copies it with `=`, which
 * is why it is looked for before merging rather than after.
 */
export function reservedKeyPath(value: unknown, prefix = ''): string | undefined {
  const seen = new Set<object>();
  const walk = (v: unknown, at: string): string | undefined => {
    if (typeof v !== 'object' || v === null || seen.has(v)) return undefined;
    seen.add(v);
    for (const key of Object.keys(v)) {
      const here = at ? `${at}.${key}` : key;
      if (isReservedKey(key)) return here;
      const found = walk((v as Record<string, unknown>)[key], here);
      if (found) return found;
    }
    return undefined;
  };
  return walk(value, prefix);
}
