import * as tf from '@tensorflow/tfjs';
import { originalKernel, type WasmKernelArgs } from '../wasmKernelUtil';
import { stride1Conv } from './stride1Conv';

type Attrs = tf.Conv2DAttrs;

/**
 * Conv2D on our kernels (stride1Conv.ts): faster than XNNPACK's here (no fused multiply-add in
 * its wasm build, and it repacks the weights at every call because training changes them).
 * Stride 1, no dilation, NHWC, output channels a multiple of 8; anything else goes to the
 * original kernel.
 */
function conv2d(args: WasmKernelArgs<Attrs>): tf.TensorInfo {
  const { inputs: { x, filter }, backend, attrs } = args;
  const { strides, pad, dataFormat, dilations, dimRoundingMode } = attrs;
  const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number],
    filter.shape as [number, number, number, number], strides, dilations, pad, dimRoundingMode, false,
    tf.backend_util.convertConv2DDataFormat(dataFormat));
  const p = info.padInfo;
  if (info.dataFormat !== 'channelsLast' || info.strideHeight !== 1 || info.strideWidth !== 1 ||
    info.dilationHeight !== 1 || info.dilationWidth !== 1 || info.outChannels % 8 !== 0 ||
    tf.util.sizeFromShape(info.outShape) === 0 || tf.util.sizeFromShape(x.shape) === 0) {
    return originalKernel<Attrs>(tf.Conv2D)(args);
  }
  return stride1Conv(backend, x, filter, [p.top, p.bottom, p.left, p.right]);
}

export const conv2dConfig = { kernelName: tf.Conv2D, backendName: 'wasm', kernelFunc: conv2d };
