import { reservedKeyPath } from '../config/reserved';
import { MODEL_KINDS } from '../config/schema';
import type { ParamSpec } from './params';
import { kindOf, type ModelShape } from './kind';

/**
 * A saved global model: a small JSON header and the packed float32 weights.
 * Layout: "BDLCKPT1" | u32 header length | header JSON (UTF-8) | padding to 4 bytes | float32 weights.
 */
export interface CheckpointHeader {
  format: 'backdoor-lab-checkpoint/1';
  /** Without `kind` (files saved before there were other kinds): Conv4. */
  model: ModelShape;
  spec: ParamSpec[];
  /** Free-form provenance: config, seed, round, measured accuracy. */
  meta: Record<string, unknown>;
}

export interface Checkpoint {
  header: CheckpointHeader;
  weights: Float32Array;
}

const MAGIC = 'BDLCKPT1';

/** A file that is not a checkpoint this code can read; the message says what is wrong. */
export class CheckpointError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CheckpointError';
  }
}

/** Values in a spec (params.ts has the same; counted here so the file stays free of tfjs for the UI thread). */
const sizeOf = (spec: readonly ParamSpec[]): number => spec.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);

export function encodeCheckpoint(model: ModelShape, spec: ParamSpec[], weights: Float32Array, meta: Record<string, unknown> = {}): Uint8Array {
  if (weights.length !== sizeOf(spec)) throw new Error(`checkpoint weights have ${weights.length} values, the spec needs ${sizeOf(spec)}`);
  const header: CheckpointHeader = { format: 'backdoor-lab-checkpoint/1', model, spec, meta };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const dataStart = Math.ceil((12 + json.length) / 4) * 4;
  const out = new Uint8Array(dataStart + weights.byteLength);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  out.set(new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength), dataStart);
  return out;
}

/** Checkpoints are uploaded or fetched from a link: untrusted bytes, checked before any use. */
export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw new CheckpointError('not a Backdoor Lab checkpoint (bad magic)');
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + len > bytes.length) throw new CheckpointError(`checkpoint is truncated: the header needs ${len} bytes, ${bytes.length - 12} are there`);
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len)));
  } catch {
    throw new CheckpointError('checkpoint header is not JSON (damaged file?)');
  }
  const header = checkHeader(json);
  const dataStart = Math.ceil((12 + len) / 4) * 4;
  const n = sizeOf(header.spec);
  if (bytes.length - dataStart !== n * 4) throw new CheckpointError(`checkpoint is truncated: ${Math.max(0, bytes.length - dataStart)} bytes of weights, expected ${n * 4}`);
  const weights = new Float32Array(n);
  new Uint8Array(weights.buffer).set(bytes.subarray(dataStart));
  return { header, weights };
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) > 0;

const MODEL_FIELDS = ['kind', 'filters', 'imageSize', 'channels', 'ways'] as const;

/** The checked model fields as a fresh object (no `kind` key when the file has none). */
function pickModel(m: Record<string, unknown>): ModelShape {
  const { kind, filters, imageSize, channels, ways } = m as unknown as ModelShape;
  return { ...(kind !== undefined ? { kind } : {}), filters, imageSize, channels, ways };
}

/** The header's shape, field by field: a damaged or crafted header fails here with the field named. */
function checkHeader(h: unknown): CheckpointHeader {
  const fail = (msg: string): never => { throw new CheckpointError(`checkpoint header: ${msg}`); };
  if (!isObject(h)) return fail('not a JSON object');
  if (h.format !== 'backdoor-lab-checkpoint/1') fail(`unsupported format ${JSON.stringify(h.format) ?? 'undefined'}`);
  const reserved = reservedKeyPath(h);
  if (reserved) fail(`${reserved} is a reserved name, never a field`);
  if (!isObject(h.model)) return fail('model must be an object');
  for (const k of ['filters', 'imageSize', 'channels', 'ways'] as const)
    if (!isCount(h.model[k])) fail(`model.${k} must be a positive integer`);
  if (h.model.kind !== undefined && !(MODEL_KINDS as readonly unknown[]).includes(h.model.kind))
    fail(`model.kind must be one of ${MODEL_KINDS.join(', ')} (got ${JSON.stringify(h.model.kind) ?? 'undefined'})`);
  // A damaged key (a flipped "kind") must not pass as an extra field and leave the kind to its default.
  const extra = Object.keys(h.model).find((k) => !(MODEL_FIELDS as readonly string[]).includes(k));
  if (extra !== undefined) fail(`model.${extra} is not a field (allowed: ${MODEL_FIELDS.join(', ')})`);
  if (!Array.isArray(h.spec) || h.spec.length === 0) return fail('spec must be a non-empty array');
  h.spec.forEach((p: unknown, i: number) => {
    if (!isObject(p) || typeof p.name !== 'string') return fail(`spec[${i}].name must be a string`);
    if (!Array.isArray(p.shape) || !p.shape.every(isCount)) fail(`spec[${i}].shape must be an array of positive integers`);
  });
  // Bounded so that a crafted shape cannot ask for a huge allocation before the size check.
  if (sizeOf(h.spec as ParamSpec[]) > 2 ** 28) fail('spec asks for more than 2^28 weights');
  if (h.meta !== undefined && !isObject(h.meta)) fail('meta must be an object');
  return { format: h.format as CheckpointHeader['format'], model: pickModel(h.model), spec: h.spec as ParamSpec[], meta: (h.meta ?? {}) as Record<string, unknown> };
}

/** Throw unless a checkpoint fits the model a config asks for. */
export function checkCompatible(c: Checkpoint, model: ModelShape): void {
  const h = c.header.model;
  if (kindOf(h) !== kindOf(model))
    throw new Error(`checkpoint holds a ${kindOf(h)} model but the config asks for model.kind = ${kindOf(model)}`);
  // filters is Conv4's width only; the other kinds carry it unused.
  const fields = kindOf(model) === 'conv4' ? (['filters', 'imageSize', 'channels', 'ways'] as const) : (['imageSize', 'channels', 'ways'] as const);
  for (const k of fields)
    if (h[k] !== model[k]) throw new Error(`checkpoint has ${k} = ${h[k]} but the config needs ${model[k]}`);
}
