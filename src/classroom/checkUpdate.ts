import type { Bytes } from './protocol';

export type UpdateCheck = { ok: true; delta: Float32Array } | { ok: false; reason: string };

/** Bytes as a Float32Array of their own (copied when unaligned, as Node's pooled Buffers may be). */
function floats(b: Bytes): Float32Array {
  const view = b instanceof Uint8Array ? b : new Uint8Array(b);
  if (view.byteOffset % 4 === 0) return new Float32Array(view.buffer, view.byteOffset, view.byteLength / 4);
  return new Float32Array(Uint8Array.from(view).buffer); // a copy (Buffer's slice would be a view)
}

const isBytes = (b: unknown): b is Bytes => b instanceof ArrayBuffer || b instanceof Uint8Array;

/**
 * The checks every student update passes before it can reach the aggregation, on the relay and
 * again in the teacher's browser: binary, exactly `params` float32 values, every one finite.
 * A larger payload is "oversized" (refused without reading it), a shorter or ragged one has the
 * wrong length; the first non-finite value is named.
 */
export function checkUpdate(delta: unknown, params: number): UpdateCheck {
  if (!isBytes(delta)) return { ok: false, reason: 'the update is not binary float32 data' };
  const bytes = delta.byteLength;
  if (bytes > params * 4) return { ok: false, reason: `oversized: ${bytes} bytes, at most ${params * 4}` };
  if (bytes !== params * 4) return { ok: false, reason: `wrong length: ${bytes / 4} values, expected ${params}` };
  const d = floats(delta);
  for (let i = 0; i < d.length; i++) {
    if (!Number.isFinite(d[i])) return { ok: false, reason: `value ${i} is ${d[i]}: every value must be finite` };
  }
  return { ok: true, delta: d };
}

/** A round number or example count as sent: a non-negative safe integer, or null. */
export const count = (v: unknown): number | null => (Number.isSafeInteger(v) && (v as number) >= 0 ? (v as number) : null);
