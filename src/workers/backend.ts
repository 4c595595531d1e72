import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendChoice, type BackendPreference } from '../engine/backend/initBackend';
import { LabError } from '../engine/errors';
import { postFatal } from './errors';
// Vite serves (and `vite build` emits) the wasm binaries; the backend gets their URLs as a map.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type { BackendChoice, BackendPreference };

const abs = (u: string) => new URL(u, self.location.href).href;

interface GpuDeviceLike { lost?: Promise<{ reason?: string; message?: string }> }

/**
 * Starts tfjs in this worker. Each worker is already one thread among many (one per client), so
 * the wasm backend runs single-threaded. A lost WebGPU device is first announced to the main
 * thread as a 'gpu-device-lost' LabError (`postFatal`), then rethrown as an uncaught error, which
 * the main thread sees as the worker's `error` event should the notice not have reached it.
 */
export async function startWorkerBackend(preferred: BackendPreference, who: string): Promise<BackendChoice> {
  if (hasFlag('WASM_HAS_MULTITHREAD_SUPPORT')) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const choice = await initBackend(preferred, {
    wasmPaths: {
      'tfjs-backend-wasm.wasm': abs(wasmPlain),
      'tfjs-backend-wasm-simd.wasm': abs(wasmSimd),
      'tfjs-backend-wasm-threaded-simd.wasm': abs(wasmThreaded),
    },
  });
  if (choice.name === 'webgpu') {
    const device = (tf.backend() as unknown as { device?: GpuDeviceLike }).device;
    void device?.lost?.then((info) => {
      if (info.reason === 'destroyed') return;
      const detail = `GPU device lost (${info.message || info.reason || 'unknown reason'})`;
      postFatal(self, new LabError('gpu-device-lost', detail, who));
      setTimeout(() => { throw new Error(`${who}: ${detail}`); });
    });
  }
  return choice;
}

function hasFlag(name: string): boolean {
  return (tf.env() as unknown as { flagRegistry: Record<string, unknown> }).flagRegistry?.[name] !== undefined;
}
