import * as tf from '@tensorflow/tfjs';
import { simdKernels } from '../simd';
import { heapOffset, originalKernel, type WasmKernelArgs } from '../wasmKernelUtil';

type Attrs = tf.SumAttrs;

/**
 * Sum and Mean over leading axes (N, H, W of an NHWC tensor: batch-norm statistics, bias and
 * batch-norm gradients) in one SIMD pass. tfjs-backend-wasm first transposes the reduced axes
 * to the end, which costs ~10× more. Other reductions go to the original kernels.
 */
function reduceLeading(kernelName: 'Sum' | 'Mean') {
  return (args: WasmKernelArgs<Attrs>): tf.TensorInfo => {
    const { inputs: { x }, backend, attrs: { axis, keepDims } } = args;
    const axes = tf.util.parseAxisParam(axis, x.shape).sort((a, b) => a - b);
    const k = axes.length;
    const cols = tf.util.sizeFromShape(x.shape.slice(k));
    const rows = tf.util.sizeFromShape(x.shape.slice(0, k));
    const leading = axes.every((a, i) => a === i) && k < x.shape.length;
    if (!leading || x.dtype !== 'float32' || cols % 16 !== 0 || rows === 0) return originalKernel<Attrs>(kernelName)(args);
    const shape = keepDims ? [...x.shape.slice(0, k).map(() => 1), ...x.shape.slice(k)] : x.shape.slice(k);
    const out = backend.makeOutput(shape, 'float32');
    simdKernels(backend).colSum(heapOffset(backend, x), rows, cols, heapOffset(backend, out), kernelName === 'Mean' ? 1 / rows : 1);
    return out;
  };
}

export const sumConfig = { kernelName: tf.Sum, backendName: 'wasm', kernelFunc: reduceLeading('Sum') };
export const meanConfig = { kernelName: tf.Mean, backendName: 'wasm', kernelFunc: reduceLeading('Mean') };
