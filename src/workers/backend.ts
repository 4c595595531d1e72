import * as tf from '@tensorflow/tfjs';
import { initBackend, type BackendChoice, type BackendPreference } from '../engine/backend/initBackend';
import { LabError } from '../engine/errors';
import { postFatal } from './errors';
import type { RecoverableBackend } from './recovery';
// Vite serves (and `vite build` emits) the wasm binaries; the backend gets their URLs as a map.
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type { BackendChoice, BackendPreference };

const abs = (u: string) => new URL(u, self.location.href).href;

interface GpuDeviceLike {
  lost?: Promise<{ reason?: string; message?: string }>;
  destroy?(): void;
}

/** Called when the WebGPU device this worker uses is lost: `why` for people, `reason` as WebGPU gives it. */
type OnLost = (why: string, reason?: string) => void;

/**
 * What a worker that cannot recover does (the coordinator): announce the loss to the main thread
 * as a 'gpu-device-lost' LabError (`postFatal`), then rethrow it uncaught, which the main thread
 * sees as the worker's `error` event should the notice not have reached it.
 */
const die = (who: string): OnLost => (why, reason) => {
  if (reason === 'destroyed') return;
  postFatal(self, new LabError('gpu-device-lost', why, who));
  setTimeout(() => { throw new Error(`${who}: ${why}`); });
};

/** The device being watched; a loss of one already replaced is old news. */
let watched: GpuDeviceLike | null = null;

/**
 * Starts tfjs in this worker. Each worker is already one thread among many (one per client), so
 * the wasm backend runs single-threaded. On WebGPU, `onLost` hears of a lost device.
 */
export async function startWorkerBackend(preferred: BackendPreference, who: string, onLost: OnLost = die(who)): Promise<BackendChoice> {
  if (hasFlag('WASM_HAS_MULTITHREAD_SUPPORT')) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  const choice = await initBackend(preferred, {
    wasmPaths: {
      'tfjs-backend-wasm.wasm': abs(wasmPlain),
      'tfjs-backend-wasm-simd.wasm': abs(wasmSimd),
      'tfjs-backend-wasm-threaded-simd.wasm': abs(wasmThreaded),
    },
  });
  const device = choice.name === 'webgpu' ? ((tf.backend() as unknown as { device?: GpuDeviceLike }).device ?? null) : null;
  watched = device;
  void device?.lost?.then((info) => {
    if (device === watched) onLost(`GPU device lost (${info.message || info.reason || 'unknown reason'})`, info.reason);
  });
  return choice;
}

/**
 * A client worker's backend, which survives a lost device: the loss is noted (the worker
 * recovers at its next call, see recoveringClient.ts) and `restart` drops the broken backend,
 * then starts the page's preference again (WebGPU if an adapter still answers), else wasm.
 */
export async function startRecoverableBackend(preferred: BackendPreference, who: string): Promise<RecoverableBackend> {
  let lost: string | null = null;
  const onLost: OnLost = (why) => { lost = why; };
  let current = await startWorkerBackend(preferred, who, onLost);
  let restarts = 0;
  return {
    get current() { return current; },
    get restarts() { return restarts; },
    lost: () => lost,
    async restart() {
      restarts++;
      const broken = tf.getBackend();
      if (broken === 'webgpu' || broken === 'webgl') dropBackend(broken);
      lost = null;
      let next: BackendChoice | null = null;
      if (preferred !== 'webgpu' || (await adapterAnswers())) next = await startWorkerBackend(preferred, who, onLost).catch(() => null);
      current = next ?? (await startWorkerBackend('wasm', who, onLost));
      return current;
    },
  };
}

/** Test hook: destroy this worker's WebGPU device, as a driver reset would. False off WebGPU. */
export function destroyDevice(): boolean {
  if (!watched?.destroy) return false;
  watched.destroy();
  return true;
}

/**
 * Forgets a backend whose device is gone, keeping its factory so that `setBackend` builds a new
 * one (tf.removeBackend drops the factory too). Disposing a dead backend may throw; it is then
 * forgotten by hand.
 */
function dropBackend(name: string): void {
  const engine = tf.engine();
  const entry = engine.registryFactory[name];
  try {
    tf.removeBackend(name);
  } catch {
    delete engine.registry[name];
    delete engine.registryFactory[name];
  }
  if (entry) tf.registerBackend(name, entry.factory, entry.priority);
}

async function adapterAnswers(): Promise<boolean> {
  const gpu = (self.navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  return !!(gpu && (await gpu.requestAdapter().catch(() => null)));
}

function hasFlag(name: string): boolean {
  return (tf.env() as unknown as { flagRegistry: Record<string, unknown> }).flagRegistry?.[name] !== undefined;
}
