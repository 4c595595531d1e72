import type * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from '../simd';
import { disposeAll, heapOffset } from '../wasmKernelUtil';
import { padSpatial } from './padSpatial';

/**
 * Where Winograd pays for its transforms: from 16 input channels and 4×4 outputs up (Conv4 with 64
 * filters: 1.9× on the 14×14 layer, 1.2× on the 7×7 one). Below 16 channels it saves only
 * microseconds, so small models keep the direct kernels' rounding.
 */
export const useWinograd = (fh: number, fw: number, ci: number, oh: number, ow: number): boolean =>
  fh === 3 && fw === 3 && ci % 4 === 0 && ci >= 16 && oh >= 4 && ow >= 4;

/**
 * Stride-1 convolution of x ([n, h, w, ci], zero-padded by [top, bottom, left, right]) with a
 * [fh, fw, ci, co] filter, co % 8 == 0: Winograd F(2×2, 3×3) for 3×3 filters on large enough
 * outputs, else the direct FMA micro-kernel. The forward pass and the input gradient both land here.
 */
export function stride1Conv(backend: BackendWasm, x: tf.TensorInfo, filter: tf.TensorInfo, pads: number[]): tf.TensorInfo {
  const [n, h, w, ci] = x.shape;
  const [fh, fw, , co] = filter.shape;
  const oh = h + pads[0] + pads[1] - fh + 1, ow = w + pads[2] + pads[3] - fw + 1;
  const out = backend.makeOutput([n, oh, ow, co], 'float32');
  const k = simdKernels(backend);
  const at = (t: tf.TensorInfo) => heapOffset(backend, t);
  if (!useWinograd(fh, fw, ci, oh, ow)) {
    const { xp, release } = padSpatial(backend, x, pads);
    k.convValid(at(xp), at(filter), at(out), n, xp.shape[1], xp.shape[2], ci, co, fh, fw);
    release();
    return out;
  }
  // Odd output sizes: one more row or column of zeros completes the last 4×4 input patches.
  const th = Math.ceil(oh / 2), tw = Math.ceil(ow / 2);
  const { xp, release } = padSpatial(backend, x, [pads[0], pads[1] + (oh % 2), pads[2], pads[3] + (ow % 2)]);
  const u = backend.makeOutput([16, ci, co], 'float32');
  const v = backend.makeOutput([16, n * th * tw, ci], 'float32');
  const m = backend.makeOutput([16, n * th * tw, co], 'float32');
  k.winoFilter(at(filter), at(u), ci, co);
  k.winoInput(at(xp), at(v), n, xp.shape[1], xp.shape[2], ci, th, tw);
  release();
  k.gemmBatch(at(v), at(u), at(m), n * th * tw, co, ci, 16);
  k.winoOutput(at(m), at(out), n, oh, ow, co, th, tw);
  disposeAll(backend, u, v, m);
  return out;
}
