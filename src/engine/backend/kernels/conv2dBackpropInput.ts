import * as tf from '@tensorflow/tfjs';
import { simdKernels } from '../simd';
import { disposeAll, heapOffset, originalKernel, type WasmKernelArgs } from '../wasmKernelUtil';
import { stride1Conv } from './stride1Conv';

type Attrs = tf.Conv2DBackpropInputAttrs;

/**
 * Conv2DBackpropInput for tfjs-backend-wasm, whose own is a naive C++ loop (~80 ms for one
 * 64-channel 14×14 layer). At stride 1 the input gradient is a 'full' convolution of dy with the
 * filter flipped in space and transposed in channels, which runs on the forward kernels.
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

  const flipped = backend.makeOutput([fh, fw, co, ci], 'float32');
  simdKernels(backend).flipFilter(heapOffset(backend, filter), heapOffset(backend, flipped), fh, fw, ci, co);
  const dx = stride1Conv(backend, dy, flipped, pads);
  disposeAll(backend, flipped);
  return dx;
}

export const conv2dBackpropInputConfig = {
  kernelName: tf.Conv2DBackpropInput,
  backendName: 'wasm',
  kernelFunc: conv2dBackpropInput,
};
