import * as tf from '@tensorflow/tfjs';
import { simdKernels, wasmMemory } from '../simd';
import { heapOffset, originalKernel, type WasmKernelArgs } from '../wasmKernelUtil';

type Attrs = tf.MaxPoolGradAttrs;

/**
 * MaxPoolGrad for tfjs-backend-wasm: 4 channels per SIMD op (one at a time for the last
 * c % 4), each window's gradient to its first maximum like the cpu backend. The original is
 * scalar and sends ties to the last maximum, and ReLU feeds max-pools many tied zeros.
 * Dilated pooling goes to the original kernel.
 */
function maxPoolGrad(args: WasmKernelArgs<Attrs>): tf.TensorInfo {
  const { inputs: { dy, input }, backend, attrs } = args;
  const { filterSize, strides, pad, dimRoundingMode } = attrs;
  const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number],
    filterSize, strides, 1, pad, dimRoundingMode);
  if (info.dilationHeight !== 1 || info.dilationWidth !== 1) return originalKernel<Attrs>(tf.MaxPoolGrad)(args);
  const size = tf.util.sizeFromShape(input.shape);
  const dx = backend.makeOutput(input.shape, 'float32');
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw, padInfo: p } = info;
  const overlap = sh < fh || sw < fw;
  // Windows that tile the input exactly (2×2 pools of even sizes) write every dx value themselves.
  const tiles = !overlap && sh === fh && sw === fw && p.top === 0 && p.left === 0 &&
    info.outHeight * sh === info.inHeight && info.outWidth * sw === info.inWidth;
  if (!tiles || size === 0 || info.outHeight * info.outWidth === 0) new Float32Array(wasmMemory(backend).buffer, heapOffset(backend, dx), size).fill(0);
  if (size === 0 || info.outHeight * info.outWidth === 0) return dx;
  const k = simdKernels(backend);
  const c = info.inChannels;
  const vectorEnd = c - (c % 4);
  const run = (f: typeof k.maxPoolGrad, c0: number, c1: number) => f(heapOffset(backend, dy), heapOffset(backend, input), heapOffset(backend, dx),
    info.batchSize, info.inHeight, info.inWidth, c, info.outHeight, info.outWidth, fh, fw, sh, sw, p.top, p.left, c0, c1, overlap ? 1 : 0);
  if (vectorEnd > 0) run(k.maxPoolGrad, 0, vectorEnd);
  if (vectorEnd < c) run(k.maxPoolGradTail, vectorEnd, c);
  return dx;
}

export const maxPoolGradConfig = {
  kernelName: tf.MaxPoolGrad,
  backendName: 'wasm',
  kernelFunc: maxPoolGrad,
};
