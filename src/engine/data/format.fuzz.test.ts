import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileJsonText, hostileKey } from '../testing/fuzz/arbitraries';
import { guardPrototypes } from '../testing/fuzz/prototypes';
import { reservedKeyPath } from '../config/reserved';
import { DATASET_FORMAT, DatasetFormatError, parseDataset, validateDatasetIndex, type DatasetIndex } from './format';

/**
 * A dataset's index.json (and its pixel file): a served file, trusted in the threat model but
 * fuzzed all the same, since a stale or damaged build must fail with a message, not a crash.
 * Whatever the JSON: a DatasetFormatError naming a field, or an index whose classes fit `count`.
 */
const RUNS = { any: 1000, edits: 1000, bytes: 300 };

const FIELDS = ['format', 'name', 'width', 'height', 'count', 'images', 'sha256', 'source', 'license', 'classes'];
const CLASS_FIELDS = ['id', 'name', 'alphabet', 'origin', 'sourceLabel', 'start', 'count'];

const index = (): Record<string, unknown> => ({
  format: DATASET_FORMAT, name: 'tiny', width: 2, height: 2, count: 3, images: 'images.u8', sha256: 'a'.repeat(64), source: 'hand-made',
  classes: [
    { id: 0, name: 'a', origin: 'train', sourceLabel: 0, start: 0, count: 2 },
    { id: 1, name: 'b', alphabet: 'X', origin: 'train', sourceLabel: 1, start: 2, count: 1 },
  ],
});

/** validateDatasetIndex's contract, under the prototype guard. */
function validate(json: unknown): DatasetIndex | DatasetFormatError {
  try {
    const idx = guardPrototypes(() => validateDatasetIndex(json));
    const blocks = idx.classes.filter((c) => c.count > 0).sort((a, b) => a.start - b.start);
    blocks.forEach((c, i) => {
      expect(c.start + c.count).toBeLessThanOrEqual(idx.count);
      if (i) expect(c.start).toBeGreaterThanOrEqual(blocks[i - 1].start + blocks[i - 1].count);
    });
    expect(reservedKeyPath(idx)).toBeUndefined();
    return idx;
  } catch (e) {
    if (!(e instanceof DatasetFormatError)) throw e;
    expect(e.message).toMatch(/^Invalid dataset index/);
    expect(FIELDS.some((f) => e.message.includes(`"${f}"`) || e.message.includes(`format is`)) || /classes\[\d+\]|class blocks|JSON object|reserved/.test(e.message)).toBe(true);
    return e;
  }
}

/** One edit to a valid index: a field (top-level or of a class) set to hostile JSON, removed, or a hostile key added. */
const edit = () => fc.tuple(
  fc.oneof(fc.constantFrom(...FIELDS), fc.constantFrom(...CLASS_FIELDS).map((f) => `classes.${f}`), hostileKey()),
  fc.oneof(hostileJsonText(), fc.constant(undefined)),
  fc.nat(1),
);

function applyEdit(idx: Record<string, unknown>, [at, text, which]: [string, string | undefined, number]): Record<string, unknown> {
  const [k, sub] = at.startsWith('classes.') ? ['classes', at.slice(8)] : [at, undefined];
  const cls: unknown = Array.isArray(idx.classes) ? idx.classes[which] : undefined;
  const target = sub === undefined ? idx : typeof cls === 'object' && cls !== null ? (cls as Record<string, unknown>) : undefined;
  if (!target) return idx; // the classes were edited away already
  const key = sub ?? k;
  if (text === undefined) delete target[key];
  else Object.defineProperty(target, key, { value: JSON.parse(text), enumerable: true, writable: true, configurable: true }); // an own key, as JSON.parse makes it
  return idx;
}

describe('dataset index fuzz', () => {
  it('any JSON: an index whose classes fit, or an error naming a field', () => {
    fc.assert(fc.property(hostileJsonText(), (t) => { validate(JSON.parse(t)); }), { numRuns: RUNS.any });
  });

  it('a valid index with hostile edits: the same, and a reserved key is refused', () => {
    fc.assert(fc.property(fc.array(edit(), { minLength: 1, maxLength: 3 }), (edits) => {
      const idx = edits.reduce(applyEdit, index());
      const r = validate(idx);
      if (reservedKeyPath(idx)) expect(r).toBeInstanceOf(DatasetFormatError);
    }), { numRuns: RUNS.edits });
  });

  it('pixel data of any other size than the index says is refused (a truncated file)', () => {
    fc.assert(fc.property(fc.nat(40), (n) => {
      const bytes = new Uint8Array(n);
      if (n === 12) expect(parseDataset(index(), bytes).images).toBe(bytes);
      else expect(() => guardPrototypes(() => parseDataset(index(), bytes))).toThrow(/images\.u8 has \d+ bytes, expected 12/);
    }), { numRuns: RUNS.bytes });
  });
});
