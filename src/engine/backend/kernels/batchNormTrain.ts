import * as tf from '@tensorflow/tfjs';
import { BatchNormTrain, BatchNormTrainGrad, fusedBatchNormChannels, type BatchNormTrainAttrs } from '../batchNormTrain';
import { simdKernels } from '../simd';
import { heapOffset, type WasmKernelArgs } from '../wasmKernelUtil';

/** [rows, channels] view of an NHWC (or any channels-last) tensor, checked for the SIMD kernels. */
function layout(x: tf.TensorInfo): [number, number] {
  const cols = x.shape[x.shape.length - 1];
  const rows = tf.util.sizeFromShape(x.shape) / cols;
  if (x.dtype !== 'float32' || !fusedBatchNormChannels(cols) || !(rows > 0)) {
    throw new Error(`${BatchNormTrain} on wasm needs float32 with channels a multiple of 16, got ${x.dtype} [${x.shape}]`);
  }
  return [rows, cols];
}

/** Outputs y and, for the gradient, the batch mean and 1/sqrt(var + epsilon). */
function batchNormTrain({ inputs: { x, gamma, beta }, backend, attrs }: WasmKernelArgs<BatchNormTrainAttrs>): tf.TensorInfo[] {
  const [rows, cols] = layout(x);
  const y = backend.makeOutput(x.shape, 'float32');
  const mean = backend.makeOutput([cols], 'float32');
  const invstd = backend.makeOutput([cols], 'float32');
  const scratch = backend.makeOutput([2 * cols], 'float32');
  const k = simdKernels(backend);
  const at = (t: tf.TensorInfo) => heapOffset(backend, t);
  k.bnStats(at(x), rows, cols, at(mean), at(invstd), attrs.epsilon);
  k.bnApply(at(x), at(y), rows, cols, at(mean), at(invstd), at(gamma), at(beta), attrs.relu ? 1 : 0, at(scratch));
  backend.disposeData(scratch.dataId);
  return [y, mean, invstd];
}

/** Outputs dx, dgamma, dbeta. */
function batchNormTrainGrad({ inputs: { x, dy, y, mean, invstd, gamma }, backend, attrs }: WasmKernelArgs<Pick<BatchNormTrainAttrs, 'relu'>>): tf.TensorInfo[] {
  const [rows, cols] = layout(x);
  const dx = backend.makeOutput(x.shape, 'float32');
  const dgamma = backend.makeOutput([cols], 'float32');
  const dbeta = backend.makeOutput([cols], 'float32');
  const scratch = backend.makeOutput([5 * cols], 'float32');
  const at = (t: tf.TensorInfo) => heapOffset(backend, t);
  simdKernels(backend).bnGrad(at(x), at(dy), at(y), rows, cols, at(mean), at(invstd), at(gamma), attrs.relu ? 1 : 0,
    at(dx), at(dgamma), at(dbeta), at(scratch));
  backend.disposeData(scratch.dataId);
  return [dx, dgamma, dbeta];
}

export const batchNormTrainConfig = { kernelName: BatchNormTrain, backendName: 'wasm', kernelFunc: batchNormTrain };
export const batchNormTrainGradConfig = { kernelName: BatchNormTrainGrad, backendName: 'wasm', kernelFunc: batchNormTrainGrad };
