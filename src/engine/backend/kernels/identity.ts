import * as tf from '@tensorflow/tfjs';
import { originalKernel, type WasmKernelArgs } from '../wasmKernelUtil';

/**
 * Identity and same-dtype Cast without copying: tensors are immutable, so the output can share
 * the input's buffer (reference counted), as the cpu backend and wasm's own Reshape do.
 * tfjs-backend-wasm copies, and autodiff emits ~100 of these per Conv4 training step.
 */
function share({ inputs: { x }, backend }: WasmKernelArgs): tf.TensorInfo {
  backend.incRef(x.dataId);
  return { dataId: x.dataId, shape: x.shape, dtype: x.dtype };
}

function cast(args: WasmKernelArgs<tf.CastAttrs>): tf.TensorInfo {
  const { inputs: { x }, attrs: { dtype } } = args;
  return x.dtype === dtype ? share(args) : originalKernel<tf.CastAttrs>(tf.Cast)(args);
}

export const identityConfig = { kernelName: tf.Identity, backendName: 'wasm', kernelFunc: share };
export const castConfig = { kernelName: tf.Cast, backendName: 'wasm', kernelFunc: cast };
