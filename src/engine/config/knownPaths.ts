import { ConfigError } from './configError';
import { configFields } from './fields';
import { isReservedKey, reservedKeyMessage } from './reserved';

/**
 * Dotted paths the schema knows: every field (of every strategy kind) and every object above
 * one (`attack`, `attack.key`, …). `--set` and URL parameters are checked against these before
 * anything is assigned, so an input path can never walk into `__proto__` or `constructor`.
 */
let known: ReadonlySet<string> | undefined;

export function knownPaths(): ReadonlySet<string> {
  if (!known) {
    const s = new Set<string>();
    for (const { path } of configFields()) {
      const keys = path.split('.');
      for (let i = 1; i <= keys.length; i++) s.add(keys.slice(0, i).join('.'));
    }
    known = s;
  }
  return known;
}

/** The keys the schema allows directly under an object path ('' for the root). */
export function childKeys(parent: string): string[] {
  const depth = parent ? parent.split('.').length : 0;
  const out = new Set<string>();
  for (const p of knownPaths()) {
    const keys = p.split('.');
    if (keys.length === depth + 1 && (!parent || p.startsWith(`${parent}.`))) out.add(keys[depth]);
  }
  return [...out];
}

/** Throw a ConfigError naming `dotted` unless it is a field of the schema or an object of fields. */
export function checkConfigPath(dotted: string): void {
  if (knownPaths().has(dotted)) return;
  const keys = dotted.split('.');
  let i = 0; // keys[0..i) is the longest known prefix; keys[i] is where the path leaves the schema
  while (i < keys.length && knownPaths().has(keys.slice(0, i + 1).join('.'))) i++;
  const parent = keys.slice(0, i).join('.');
  const allowed = childKeys(parent);
  const message = isReservedKey(keys[i])
    ? reservedKeyMessage(keys[i])
    : allowed.length ? `unknown field (allowed: ${allowed.join(', ')})` : `${parent} is a value, not an object of fields`;
  throw new ConfigError([{ field: dotted || '(empty)', message }]);
}
