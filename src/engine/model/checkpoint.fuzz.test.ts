import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hostileJsonText } from '../testing/fuzz/arbitraries';
import { guardPrototypes } from '../testing/fuzz/prototypes';
import { isReservedKey, reservedKeyPath } from '../config/reserved';
import { MODEL_KINDS } from '../config/schema';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, type Checkpoint } from './checkpoint';

/**
 * Checkpoint bytes are uploaded or fetched from a link. Whatever arrives: a checkpoint whose
 * header and weights agree, or a CheckpointError; nothing else thrown, no prototype changed.
 */
const RUNS = { roundTrip: 300, bytes: 1000, prefix: 300, header: 1000, flips: 500 };

const enc = new TextEncoder();
const count = () => fc.integer({ min: 1, max: 6 });
// With or without a kind: checkpoints saved before there were kinds have none.
const model = () => fc.record({ kind: fc.constantFrom(...MODEL_KINDS), filters: count(), imageSize: count(), channels: count(), ways: count() }, { requiredKeys: ['filters', 'imageSize', 'channels', 'ways'] });
const spec = () => fc.array(fc.record({ name: fc.string({ maxLength: 6 }), shape: fc.array(count(), { minLength: 1, maxLength: 3 }) }), { minLength: 1, maxLength: 4 });
// No reserved key at any depth: a header holding one is refused (its own property below).
const meta = () => fc.dictionary(fc.string({ maxLength: 6 }).filter((k) => !isReservedKey(k)), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 })
  .filter((mt) => reservedKeyPath(mt) === undefined);
const sizeOf = (s: { shape: number[] }[]) => s.reduce((n, p) => n + p.shape.reduce((a, b) => a * b, 1), 0);

const valid = () => fc.tuple(model(), spec(), meta()).chain(([m, s, mt]) =>
  fc.float32Array({ minLength: sizeOf(s), maxLength: sizeOf(s) }).map((w) => encodeCheckpoint(m, s, w, mt)));

/** Bytes in the file's layout: magic, header length, header text, padding, weights. */
function layout(header: string, weightBytes: number, lengthField?: number): Uint8Array {
  const json = enc.encode(header);
  const start = Math.ceil((12 + json.length) / 4) * 4;
  const out = new Uint8Array(start + weightBytes);
  out.set(enc.encode('BDLCKPT1'));
  new DataView(out.buffer).setUint32(8, lengthField ?? json.length, true);
  out.set(json, 12);
  return out;
}

/** A real header's JSON with the value at `at` (a reserved key included) replaced by the JSON text `v`. */
function headerWith(m: object, s: object[], at: string, v: string): string {
  const h: Record<string, unknown> = { format: 'backdoor-lab-checkpoint/1', model: { ...m }, spec: s.map((p) => ({ ...p })), meta: {} };
  const keys = at.split('.');
  let cur = h;
  for (const k of keys.slice(0, -1)) cur = cur[k] as Record<string, unknown>;
  const last = keys[keys.length - 1];
  cur[isReservedKey(last) ? 'KEY-HOLE' : last] = 'VALUE-HOLE';
  return JSON.stringify(h).replace('"KEY-HOLE"', () => JSON.stringify(last)).replace('"VALUE-HOLE"', () => v);
}

/** decodeCheckpoint's contract, under the prototype guard. */
function decode(bytes: Uint8Array): Checkpoint | CheckpointError {
  try {
    const c = guardPrototypes(() => decodeCheckpoint(bytes));
    expect(c.header.format).toBe('backdoor-lab-checkpoint/1');
    expect(c.weights.length).toBe(sizeOf(c.header.spec));
    for (const [k, v] of Object.entries(c.header.model))
      expect(k === 'kind' ? (MODEL_KINDS as readonly unknown[]).includes(v) : Number.isInteger(v) && v > 0).toBe(true);
    expect(reservedKeyPath(c.header)).toBeUndefined();
    return c;
  } catch (e) {
    if (!(e instanceof CheckpointError)) throw e;
    expect(e.message).toMatch(/checkpoint/);
    return e;
  }
}

describe('checkpoint fuzz', () => {
  it('a saved checkpoint reads back as saved', () => {
    fc.assert(fc.property(model(), spec(), meta(), (m, s, mt) => {
      const w = new Float32Array(sizeOf(s)).map((_, i) => i / 7);
      const c = decode(encodeCheckpoint(m, s, w, mt)) as Checkpoint;
      expect(c.header).toEqual({ format: 'backdoor-lab-checkpoint/1', model: m, spec: s, meta: JSON.parse(JSON.stringify(mt)) });
      expect(c.weights).toEqual(w);
    }), { numRuns: RUNS.roundTrip });
  });

  it('random bytes, with or without the magic, are refused', () => {
    const bytes = fc.oneof(
      fc.uint8Array({ maxLength: 300 }),
      fc.tuple(fc.uint8Array({ maxLength: 300 }), fc.nat()).map(([b, len]) => { const out = layout('', 0, len); return new Uint8Array([...out, ...b]); }),
    );
    fc.assert(fc.property(bytes, (b) => { expect(decode(b)).toBeInstanceOf(CheckpointError); }), { numRuns: RUNS.bytes });
  });

  it('every strict prefix of a checkpoint (a truncated file) is refused', () => {
    fc.assert(fc.property(valid(), fc.nat(), (b, n) => {
      expect(decode(b.subarray(0, n % b.length))).toBeInstanceOf(CheckpointError);
    }), { numRuns: RUNS.prefix });
  });

  it('any header text: refused, or a checkpoint whose weights fit its spec; reserved keys refused', () => {
    const header = fc.oneof(
      fc.tuple(hostileJsonText(), fc.integer({ min: 0, max: 64 })),
      // A real header, weights of the right size, one value (or key) replaced by hostile JSON.
      fc.tuple(model(), spec(), fc.constantFrom('format', 'model', 'spec', 'meta', '__proto__', 'model.ways', 'model.kind', 'model.__proto__', 'spec.0', 'spec.0.shape', 'meta.x', 'meta.__proto__'), hostileJsonText())
        .map(([m, s, at, v]) => [headerWith(m, s, at, v), sizeOf(s)] as const),
    );
    fc.assert(fc.property(header, ([h, words]) => {
      const r = decode(layout(h, words * 4));
      let parsed: unknown;
      try { parsed = JSON.parse(h); } catch { /* not JSON: refused above */ }
      if (reservedKeyPath(parsed)) expect(r).toBeInstanceOf(CheckpointError);
    }), {
      numRuns: RUNS.header,
      examples: [ // crashed (TypeError) or were accepted before the header was checked
        [['{"format":"backdoor-lab-checkpoint/1","spec":[{"name":"w"}],"model":{}}', 0]],
        [['{"format":"backdoor-lab-checkpoint/1","spec":[],"model":[]}', 0]],
      ],
    });
  });

  it('flipped bytes: refused, or a checkpoint whose header and weights agree', () => {
    fc.assert(fc.property(valid(), fc.array(fc.tuple(fc.nat(), fc.integer({ min: 1, max: 255 })), { minLength: 1, maxLength: 4 }), (b, flips) => {
      const c = b.slice();
      for (const [i, x] of flips) c[i % c.length] ^= x;
      decode(c);
    }), { numRuns: RUNS.flips });
  });
});
