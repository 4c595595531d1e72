import * as tf from '@tensorflow/tfjs';

/** Kernels a backend may register to fuse training-mode batch norm (see kernels/batchNormTrain.ts). */
export const BatchNormTrain = 'LabBatchNormTrain';
export const BatchNormTrainGrad = 'LabBatchNormTrainGrad';

export interface BatchNormTrainAttrs {
  epsilon: number;
  relu: boolean;
}

/** Channel counts the fused kernels take (they stream 16 channels at a time). */
export const fusedBatchNormChannels = (channels: number): boolean => channels % 16 === 0 && channels > 0;

type Fused = (x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor;
const fused = new Map<string, Fused>();

function fusedOp(attrs: BatchNormTrainAttrs): Fused {
  const key = `${attrs.epsilon}|${attrs.relu}`;
  let op = fused.get(key);
  if (!op) {
    op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
      const [x, gamma, beta, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, tf.GradSaveFunc];
      const [y, mean, invstd] = tf.engine().runKernel(BatchNormTrain, { x, gamma, beta }, { ...attrs }) as tf.Tensor[];
      save([x, y, mean, invstd, gamma]);
      return {
        value: y,
        gradFunc: (dy: tf.Tensor, [sx, sy, smean, sinvstd, sgamma]: tf.Tensor[]) =>
          tf.engine().runKernel(BatchNormTrainGrad, { x: sx, dy, y: sy, mean: smean, invstd: sinvstd, gamma: sgamma }, { relu: attrs.relu }) as tf.Tensor[],
      };
    }) as Fused;
    fused.set(key, op);
  }
  return op;
}

/**
 * Batch norm with the statistics of this batch over every axis but the last (channels), as in
 * training, optionally followed by ReLU: relu(gamma · (x − mean)/sqrt(var + epsilon) + beta).
 * Gradients flow through the statistics, as for tf.moments + tf.batchNorm.
 *
 * Where the active backend registers the fused kernels (wasm, via registerWasmKernels) this is
 * one kernel forward and one backward, instead of ~30 full-size ops and their gradients;
 * elsewhere it is exactly that composition of tfjs ops.
 */
export function batchNormTrain<T extends tf.Tensor>(x: T, gamma: tf.Tensor1D, beta: tf.Tensor1D, epsilon: number, relu = false): T {
  const channels = x.shape[x.rank - 1];
  if (x.dtype === 'float32' && fusedBatchNormChannels(channels) && tf.getKernel(BatchNormTrain, tf.getBackend())) {
    return fusedOp({ epsilon, relu })(x, gamma, beta) as T;
  }
  return tf.tidy(() => {
    const { mean, variance } = tf.moments(x, [...Array(x.rank - 1).keys()]);
    const y = tf.batchNorm(x, mean, variance, beta, gamma, epsilon);
    return (relu ? tf.relu(y) : y) as T;
  });
}
