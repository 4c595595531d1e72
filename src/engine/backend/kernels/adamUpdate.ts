import * as tf from '@tensorflow/tfjs';
import { AdamUpdate, type AdamUpdateAttrs } from '../adamUpdate';
import { simdKernels } from '../simd';
import { heapOffset, type WasmKernelArgs } from '../wasmKernelUtil';

/** Outputs p', v' and, when m is given, m'. */
function adamUpdate({ inputs: { p, g, v, m }, backend, attrs }: WasmKernelArgs<AdamUpdateAttrs>): tf.TensorInfo[] {
  const size = tf.util.sizeFromShape(p.shape);
  const outs = (m ? [p, v, m] : [p, v]).map((t) => backend.makeOutput(t.shape, 'float32'));
  if (size > 0) {
    const at = (t?: tf.TensorInfo) => (t ? heapOffset(backend, t) : 0);
    simdKernels(backend).adam(at(p), at(g), at(v), at(m), at(outs[0]), at(outs[1]), at(outs[2]), size,
      attrs.lr, attrs.beta1, 1 - attrs.beta1, attrs.beta2, 1 - attrs.beta2, attrs.epsilon);
  }
  return outs;
}

export const adamUpdateConfig = { kernelName: AdamUpdate, backendName: 'wasm', kernelFunc: adamUpdate };
