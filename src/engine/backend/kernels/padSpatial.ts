import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from '../simd';
import { heapOffset } from '../wasmKernelUtil';

/**
 * x zero-padded in height and width ([top, bottom, left, right]) for the stride-1 convolution
 * kernels, which then need no bounds checks. Returns x itself (not a copy) when no padding is
 * needed; `release` frees only what was allocated here.
 */
export function padSpatial(backend: BackendWasm, x: tf.TensorInfo, [pt, pb, pl, pr]: number[]): { xp: tf.TensorInfo; release(): void } {
  if (pt === 0 && pb === 0 && pl === 0 && pr === 0) return { xp: x, release: () => undefined };
  const [n, h, w, c] = x.shape;
  const xp = backend.makeOutput([n, h + pt + pb, w + pl + pr, c], 'float32');
  simdKernels(backend).padSpatial(heapOffset(backend, x), heapOffset(backend, xp), n, h, w, c, pt, pb, pl, pr);
  return { xp, release: () => backend.disposeData(xp.dataId) };
}
