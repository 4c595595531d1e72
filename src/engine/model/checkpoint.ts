import type { ParamSpec } from './params';
import type { Conv4Shape } from './conv4';

/**
 * A saved global model: a small JSON header and the packed float32 weights.
 * Layout: "BDLCKPT1" | u32 header length | header JSON (UTF-8) | padding to 4 bytes | float32 weights.
 */
export interface CheckpointHeader {
  format: 'backdoor-lab-checkpoint/1';
  model: Conv4Shape;
  spec: ParamSpec[];
  /** Free-form provenance: config, seed, round, measured accuracy. */
  meta: Record<string, unknown>;
}

export interface Checkpoint {
  header: CheckpointHeader;
  weights: Float32Array;
}

const MAGIC = 'BDLCKPT1';

/** Values in a spec (params.ts has the same; counted here so the file stays free of tfjs for the UI thread). */
const sizeOf = (spec: readonly ParamSpec[]): number => spec.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);

export function encodeCheckpoint(model: Conv4Shape, spec: ParamSpec[], weights: Float32Array, meta: Record<string, unknown> = {}): Uint8Array {
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

export function decodeCheckpoint(bytes: Uint8Array): Checkpoint {
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw new Error('not a Backdoor Lab checkpoint (bad magic)');
  const len = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + len))) as CheckpointHeader;
  if (header.format !== 'backdoor-lab-checkpoint/1') throw new Error(`unsupported checkpoint format ${String(header.format)}`);
  const dataStart = Math.ceil((12 + len) / 4) * 4;
  const n = sizeOf(header.spec);
  if (bytes.length - dataStart !== n * 4) throw new Error(`checkpoint is truncated: ${bytes.length - dataStart} bytes of weights, expected ${n * 4}`);
  const weights = new Float32Array(n);
  new Uint8Array(weights.buffer).set(bytes.subarray(dataStart));
  return { header, weights };
}

/** Throw unless a checkpoint fits the model a config asks for. */
export function checkCompatible(c: Checkpoint, model: Conv4Shape): void {
  const h = c.header.model;
  for (const k of ['filters', 'imageSize', 'channels', 'ways'] as const)
    if (h[k] !== model[k]) throw new Error(`checkpoint has ${k} = ${h[k]} but the config needs ${model[k]}`);
}
