import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { adamUpdateConfig } from './kernels/adamUpdate';
import { batchNormTrainConfig, batchNormTrainGradConfig } from './kernels/batchNormTrain';
import { conv2dConfig } from './kernels/conv2d';
import { conv2dBackpropFilterConfig } from './kernels/conv2dBackpropFilter';
import { conv2dBackpropInputConfig } from './kernels/conv2dBackpropInput';
import { castConfig, identityConfig } from './kernels/identity';
import { maxPoolGradConfig } from './kernels/maxPoolGrad';
import { meanConfig, sumConfig } from './kernels/reduceLeading';
import { tileConfig } from './kernels/tile';
import { originalKernel } from './wasmKernelUtil';

/** The project's wasm kernels, each replacing (or supplying) tfjs-backend-wasm's. */
export const wasmKernelConfigs = [
  conv2dConfig,
  conv2dBackpropFilterConfig,
  conv2dBackpropInputConfig,
  maxPoolGradConfig,
  sumConfig,
  meanConfig,
  tileConfig,
  identityConfig,
  castConfig,
  batchNormTrainConfig,
  batchNormTrainGradConfig,
  adamUpdateConfig,
];

let registered = false;

/**
 * Registers the kernels for the 'wasm' backend. Idempotent; call it before the first op runs
 * (before or after tf.setBackend('wasm')). The replaced implementations stay reachable as
 * fallbacks through `originalKernel`.
 */
export function registerWasmKernels(): void {
  if (registered) return;
  registered = true;
  for (const config of wasmKernelConfigs) {
    const original = tf.getKernel(config.kernelName, 'wasm');
    if (original) {
      originalKernel(config.kernelName);
      tf.unregisterKernel(config.kernelName, 'wasm');
    }
    // The original's setup (binding its C++ function) must still run when the backend starts.
    tf.registerKernel({ ...(config as unknown as tf.KernelConfig), setupFunc: original?.setupFunc });
  }
}
