import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { simdKernels } from '../simd';
import { disposeAll, heapOffset, originalKernel, type WasmKernelArgs } from '../wasmKernelUtil';
import { padSpatial } from './padSpatial';
import { useWinograd } from './stride1Conv';

type Attrs = tf.Conv2DBackpropFilterAttrs;

/**
 * Conv2DBackpropFilter for tfjs-backend-wasm, which has none. Stride 1 with output channels a
 * multiple of 8 runs on our kernels over the zero-padded input: Winograd F(3×3, 2×2) for 3×3
 * filters on large enough outputs, else the direct FMA micro-kernel. Other strides and channel
 * counts use dW = im2colT(x) · dy, the patch matrix built by our SIMD module and the product by
 * XNNPACK's matmul (its fast path wants untransposed operands). NHWC only, like every wasm
 * convolution.
 */
function conv2dBackpropFilter({ inputs: { x, dy }, backend, attrs }: WasmKernelArgs<Attrs>): tf.TensorInfo {
  const { strides, pad, dataFormat, dimRoundingMode, filterShape } = attrs;
  if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter on wasm supports NHWC only');
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], filterShape,
    strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const { batchSize: n, inHeight: h, inWidth: w, inChannels: ci, outHeight: oh, outWidth: ow, outChannels: co } = info;
  const { filterHeight: fh, filterWidth: fw, padInfo: p } = info;
  const rows = fh * fw * ci;
  if (n * oh * ow === 0 || rows * co === 0) return backend.makeOutput(filterShape, 'float32', undefined, new Float32Array(rows * co));
  const kernels = simdKernels(backend);

  if (info.strideHeight === 1 && info.strideWidth === 1 && co % 8 === 0 && useWinograd(fh, fw, ci, oh, ow)) {
    return winogradFilterGrad(backend, x, dy, filterShape, [p.top, oh + fh - 1 - h - p.top, p.left, ow + fw - 1 - w - p.left]);
  }
  if (info.strideHeight === 1 && info.strideWidth === 1 && co % 8 === 0) {
    // Pad so that the padded input holds exactly the oh × ow windows dy covers.
    const { xp, release } = padSpatial(backend, x, [p.top, oh + fh - 1 - h - p.top, p.left, ow + fw - 1 - w - p.left]);
    const dw = backend.makeOutput(filterShape, 'float32');
    const scratch = backend.makeOutput([Math.ceil(rows / 4) * 4 + n * oh], 'int32');
    kernels.convFilterGrad(heapOffset(backend, xp), heapOffset(backend, dy), heapOffset(backend, dw), n, xp.shape[1], xp.shape[2], ci, co, fh, fw,
      heapOffset(backend, scratch));
    disposeAll(backend, scratch);
    release();
    return dw;
  }
  const cols = backend.makeOutput([1, rows, n * oh * ow], 'float32');
  kernels.im2colT(heapOffset(backend, x), heapOffset(backend, cols), n, h, w, ci, fh, fw, oh, ow,
    info.strideHeight, info.strideWidth, p.top, p.left);
  const dy2d: tf.TensorInfo = { dataId: dy.dataId, shape: [1, n * oh * ow, co], dtype: 'float32' };
  const dw = originalKernel<tf.BatchMatMulAttrs>(tf.BatchMatMul)({
    inputs: { a: cols, b: dy2d }, backend, attrs: { transposeA: false, transposeB: false },
  });
  disposeAll(backend, cols);
  return { dataId: dw.dataId, shape: filterShape, dtype: 'float32' };
}

/** Sums over the 2×2 tiles of dy of transformed products; `pads` give exactly the windows dy covers. */
function winogradFilterGrad(backend: BackendWasm, x: tf.TensorInfo, dy: tf.TensorInfo, filterShape: number[], pads: number[]): tf.TensorInfo {
  const [n, oh, ow, co] = dy.shape;
  const ci = x.shape[3];
  const th = Math.ceil(oh / 2), tw = Math.ceil(ow / 2), tiles = n * th * tw;
  const k = simdKernels(backend);
  const at = (t: tf.TensorInfo) => heapOffset(backend, t);
  // Odd output sizes: one more row or column of zeros completes the last 4×4 input patches.
  const { xp, release } = padSpatial(backend, x, [pads[0], pads[1] + (oh % 2), pads[2], pads[3] + (ow % 2)]);
  const v = backend.makeOutput([16, tiles, ci], 'float32');
  const dd = backend.makeOutput([16, tiles, co], 'float32');
  const sums = backend.makeOutput([16, ci, co], 'float32');
  k.winoInput(at(xp), at(v), n, xp.shape[1], xp.shape[2], ci, th, tw);
  release();
  k.winoDy(at(dy), at(dd), n, oh, ow, co, th, tw);
  k.gemmBatchTA(at(v), at(dd), at(sums), ci, co, tiles, 16);
  const dw = backend.makeOutput(filterShape, 'float32');
  k.winoFilterGradOut(at(sums), at(dw), ci, co);
  disposeAll(backend, v, dd, sums);
  return dw;
}

export const conv2dBackpropFilterConfig = {
  kernelName: tf.Conv2DBackpropFilter,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropFilter,
};
