import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../backend/initBackend';
import { createRng } from '../rng';

/** Starts wasm with the project's kernels, plus tfjs's cpu backend as the reference. */
export async function initWasmAndCpu(): Promise<void> {
  await initBackend('wasm');
  await tf.setBackend('cpu');
}

/** Seeded values in [-1, 1). */
export function uniform(size: number, seed: number): Float32Array {
  const rng = createRng(seed);
  return Float32Array.from({ length: size }, () => 2 * rng.next() - 1);
}

/** Runs `f` on each backend (it must build its inputs from plain arrays) and returns the outputs' values. */
export async function runOn(backend: string, f: () => tf.Tensor | tf.Tensor[]): Promise<Float32Array[]> {
  await tf.setBackend(backend);
  const out = tf.tidy(f);
  const list = Array.isArray(out) ? out : [out];
  const values = list.map((t) => Float32Array.from(t.dataSync()));
  tf.dispose(list);
  return values;
}

/**
 * Largest difference between wasm and cpu over `f`'s outputs, relative to each output's largest
 * magnitude (at least 1): float32 agreement is ~1e-6 per product, so sums of a few hundred
 * terms stay well under 1e-4. Shapes must match exactly.
 */
export async function wasmVsCpu(f: () => tf.Tensor | tf.Tensor[]): Promise<number> {
  const [cpu, wasm] = [await runOn('cpu', f), await runOn('wasm', f)];
  let worst = 0;
  cpu.forEach((ref, i) => {
    if (wasm[i].length !== ref.length) throw new Error(`output ${i}: ${wasm[i].length} values on wasm, ${ref.length} on cpu`);
    const scale = ref.reduce((m, v) => Math.max(m, Math.abs(v)), 1);
    ref.forEach((v, j) => { worst = Math.max(worst, Math.abs(v - wasm[i][j]) / scale); });
  });
  return worst;
}
