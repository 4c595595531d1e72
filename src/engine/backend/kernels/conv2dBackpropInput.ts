import * as tf from '@tensorflow/tfjs';
import { simdKernels } from '../simd';
import { disposeAll, heapOffset, originalKernel, type WasmKernelArgs } from '../wasmKernelUtil';
import { padSpatial } from './padSpatial';

type Attrs = tf.Conv2DBackpropInputAttrs;

/**
 * Conv2DBackpropInput for tfjs-backend-wasm, whose own is a naive C++ loop (~80 ms for one
 * 64-channel 14×14 layer). At stride 1 the input gradient is a 'full' convolution of dy with the
 * filter flipped in space and transposed in channels, which runs on the forward micro-kernel.
 * Strides above 1 (dy would need dilating), padding wider than the filter and input channel
 * counts that are not a multiple of 8 go to the original kernel.
 */
function conv2dBackpropInput(args: WasmKernelArgs<Attrs>): tf.TensorInfo {
  const { inputs: { dy, filter }, backend, attrs } = args;
  const { strides, pad, dataFormat, dimRoundingMode, inputShape } = attrs;
  const original = () => originalKernel<Attrs>(tf.Conv2DBackpropInput)(args);
  if (dataFormat === 'NCHW' || tf.util.sizeFromShape(inputShape) === 0 || tf.util.sizeFromShape(dy.shape) === 0) return original();
  const info = tf.backend_util.computeConv2DInfo(inputShape, filter.shape as [number, number, number, number],
    strides, 1, pad, dimRoundingMode, false, 'channelsLast');
  const { filterHeight: fh, filterWidth: fw, inChannels: ci, outChannels: co, padInfo: p } = info;
  const pads = [fh - 1 - p.top, fh - 1 - p.bottom, fw - 1 - p.left, fw - 1 - p.right];
  if (info.strideHeight !== 1 || info.strideWidth !== 1 || pads.some((v) => v < 0) || ci % 8 !== 0) return original();

  const kernels = simdKernels(backend);
  const flipped = backend.makeOutput([fh, fw, co, ci], 'float32');
  kernels.flipFilter(heapOffset(backend, filter), heapOffset(backend, flipped), fh, fw, ci, co);
  const { xp: dyp, release } = padSpatial(backend, dy, pads);
  const dx = backend.makeOutput(inputShape, 'float32');
  kernels.convValid(heapOffset(backend, dyp), heapOffset(backend, flipped), heapOffset(backend, dx),
    info.batchSize, dyp.shape[1], dyp.shape[2], co, ci, fh, fw);
  release();
  disposeAll(backend, flipped);
  return dx;
}

export const conv2dBackpropInputConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput,
};
