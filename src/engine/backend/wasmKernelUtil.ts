import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

/** What a kernel function receives; tfjs types `backend` loosely, these kernels only run on wasm. */
export interface WasmKernelArgs<A = unknown> {
  inputs: Record<string, tf.TensorInfo>;
  backend: BackendWasm;
  attrs: A;
}
export type WasmKernel<A = unknown> = (args: WasmKernelArgs<A>) => tf.TensorInfo;

/**
 * tfjs-backend-wasm's own implementation of a kernel, captured before the project replaces it:
 * used for the cases the replacement does not cover and as a building block (Conv2D, BatchMatMul).
 */
const originals = new Map<string, WasmKernel<never>>();

export function originalKernel<A>(name: string): WasmKernel<A> {
  let k = originals.get(name);
  if (!k) {
    const config = tf.getKernel(name, 'wasm');
    if (!config) throw new Error(`tfjs-backend-wasm has no ${name} kernel`);
    k = config.kernelFunc as unknown as WasmKernel<never>;
    originals.set(name, k);
  }
  return k as WasmKernel<A>;
}

/** Byte offset of a tensor's data in the wasm heap. */
export const heapOffset = (backend: BackendWasm, t: tf.TensorInfo): number => backend.dataIdMap.get(t.dataId)!.memoryOffset;

export const disposeAll = (backend: BackendWasm, ...ts: tf.TensorInfo[]): void => ts.forEach((t) => backend.disposeData(t.dataId));
