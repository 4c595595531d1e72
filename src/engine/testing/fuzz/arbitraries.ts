import fc from 'fast-check';
import { configFields, type FieldDoc } from '../../config/fields';
import { knownPaths } from '../../config/knownPaths';

/**
 * Fuzz inputs shared by the entry points' property tests (URL, --set, config JSON, checkpoint
 * header, dataset index). Hostile but structured: mostly near-valid, so the checks past the
 * first one get exercised too.
 */
const segments = (): string[] => [...new Set([...knownPaths()].flatMap((p) => p.split('.')))];

/** Object keys an attacker would try: reserved and inherited names, near-misses, markup, junk. */
export const hostileKey = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constantFrom('__proto__', 'constructor', 'prototype'),
    fc.constantFrom('toString', 'valueOf', 'hasOwnProperty', '__defineGetter__', 'isPrototypeOf', 'length', 'then'),
    fc.constantFrom('', ' ', '0', '-1', 'NaN', '<script>alert(1)</script>', '%00', '\u0000', '\u202e', 'a b', 'set.rounds'),
    fc.constantFrom(...segments()),
    fc.string({ maxLength: 8 }),
  );

export const knownPath = (): fc.Arbitrary<string> => fc.constantFrom(...knownPaths());

/** A dotted config path: known, known with a hostile key spliced in, or hostile keys only. */
export const configPath = (): fc.Arbitrary<string> =>
  fc.oneof(
    knownPath(),
    fc.tuple(knownPath(), hostileKey(), fc.nat()).map(([p, k, i]) => {
      const keys = p.split('.');
      keys.splice(i % (keys.length + 1), 0, k);
      return keys.join('.');
    }),
    fc.array(hostileKey(), { minLength: 1, maxLength: 4 }).map((ks) => ks.join('.')),
  );

const leafJson = (): fc.Arbitrary<string> =>
  fc.oneof(
    fc.integer({ min: -5, max: 2000 }),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.boolean(),
    fc.constant(null),
    fc.string({ maxLength: 8 }),
    fc.constantFrom('synthetic', 'omniglot', 'meta', 'none', 'fedavg', 'krum', 'checkpoint', 'chen-backdoor', 'single-shot'),
  ).map((v) => JSON.stringify(v));

/**
 * JSON text whose objects have hostile keys. Text, not values: JSON.parse is what turns
 * `"__proto__"` into an own key, exactly as a config file or checkpoint header would arrive.
 */
export const hostileJsonText = (): fc.Arbitrary<string> =>
  fc.letrec<{ value: string; array: string; object: string }>((tie) => ({
    value: fc.oneof({ maxDepth: 4, depthSize: 'small' }, leafJson(), tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }).map((a) => `[${a.join(',')}]`),
    object: fc.array(fc.tuple(hostileKey(), tie('value')), { maxLength: 5 })
      .map((es) => `{${es.map(([k, v]) => `${JSON.stringify(k)}:${v}`).join(',')}}`),
  })).value;

/** A value of the field's type, in range (or just past it). */
function typed(doc: FieldDoc): fc.Arbitrary<unknown> {
  if (doc.options?.length) return fc.constantFrom(...doc.options);
  if (doc.type.startsWith('boolean')) return fc.boolean();
  if (doc.type.startsWith('string')) return fc.string({ maxLength: 12 });
  if (doc.type.startsWith('integer') || doc.type.startsWith('number')) {
    const lo = doc.min ?? -10, hi = Math.min(doc.max ?? lo + 2000, lo + 2000);
    return doc.type.startsWith('integer') ? fc.integer({ min: Math.ceil(lo) - 1, max: Math.floor(hi) + 1 }) : fc.double({ min: lo, max: hi, noNaN: true });
  }
  return fc.jsonValue({ maxDepth: 1 });
}

/** A raw `--set` / `set.` value for a field: mostly of its type, sometimes of another, sometimes junk. */
function rawFor(doc: FieldDoc): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 6, arbitrary: typed(doc) },
    { weight: 1, arbitrary: fc.oneof(fc.boolean(), fc.integer(), fc.string({ maxLength: 12 })) },
    { weight: 1, arbitrary: hostileJsonText().map((t) => JSON.parse(t) as unknown) },
  ).map((v) => (typeof v === 'string' ? v : JSON.stringify(v))); // strings unquoted, as people type them
}

/**
 * [path, raw value] settings for one field of the schema, as `--set` or URL parameters carry
 * them: a strategy's knob comes after its `kind` (as encodeConfigUrl writes it). The field under
 * test is the last pair.
 */
export const fieldSetting = (): fc.Arbitrary<[string, string][]> =>
  fc.constantFrom(...configFields()).chain((doc) =>
    rawFor(doc).map((raw): [string, string][] => [...(doc.when ? [[`${doc.when.path}.kind`, doc.when.kind] as [string, string]] : []), [doc.path, raw]]));
