import * as tf from '@tensorflow/tfjs';
import { wasmMemory } from '../simd';
import { heapOffset, originalKernel, type WasmKernelArgs } from '../wasmKernelUtil';

type Attrs = tf.TileAttrs;

/**
 * Tile that repeats a whole tensor along new leading dimensions (shape [1, …, 1, rest], reps
 * [a, …, b, 1, …, 1]), as the batch-norm gradient does to broadcast 1/σ over N×H×W: doubling
 * block copies instead of tfjs-backend-wasm's per-element index arithmetic (~15 ms for a
 * 10×28×28×64 output). Other tilings go to the original kernel.
 */
function tile(args: WasmKernelArgs<Attrs>): tf.TensorInfo {
  const { inputs: { x }, backend, attrs: { reps } } = args;
  const k = reps.reduce((last, r, i) => (r !== 1 ? i + 1 : last), 0);
  const leadingOnes = x.shape.slice(0, k).every((d) => d === 1);
  if (!leadingOnes || x.dtype === 'string') return originalKernel<Attrs>(tf.Tile)(args);
  const out = backend.makeOutput(x.shape.map((d, i) => d * reps[i]), x.dtype);
  const bytes = tf.util.sizeFromShape(x.shape) * (x.dtype === 'bool' ? 1 : 4);
  const total = bytes * tf.util.sizeFromShape(reps);
  if (total === 0) return out;
  const heap = new Uint8Array(wasmMemory(backend).buffer);
  const dst = heapOffset(backend, out);
  heap.copyWithin(dst, heapOffset(backend, x), heapOffset(backend, x) + bytes);
  for (let done = bytes; done < total; done *= 2) heap.copyWithin(dst + done, dst, dst + Math.min(done, total - done));
  return out;
}

export const tileConfig = { kernelName: tf.Tile, backendName: 'wasm', kernelFunc: tile };
