import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setThreadsCount, setWasmPaths, type BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import { registerWasmKernels } from './registerWasmKernels';
import { hasRelaxedSimd, prepareSimd } from './simd';

export type BackendPreference = 'webgpu' | 'webgl' | 'wasm' | 'cpu' | 'auto';

export interface BackendChoice {
  /** tfjs backend name now active. */
  name: string;
  /** Why it was chosen, in plain words, for the UI and logs. */
  reason: string;
}

export interface InitBackendOptions {
  /**
   * Where tfjs-backend-wasm's .wasm files are: a folder (ending in '/') or a map per file, as
   * for setWasmPaths. Needed in Node (node_modules/@tensorflow/tfjs-backend-wasm/dist/); a
   * bundler serves them next to the script.
   */
  wasmPaths?: Parameters<typeof setWasmPaths>[0];
  /** XNNPACK threads for the threaded wasm build (cross-origin isolated pages only). */
  threads?: number;
}

interface GpuAdapterInfo {
  vendor?: string;
  architecture?: string;
  description?: string;
  isFallbackAdapter?: boolean;
}
interface GpuAdapter {
  info?: GpuAdapterInfo;
  isFallbackAdapter?: boolean;
}
type GpuNavigator = { gpu?: { requestAdapter(): Promise<GpuAdapter | null> } };

/** A hardware WebGPU adapter, or why there is none usable. */
async function probeWebGpu(): Promise<{ ok: true } | { ok: false; why: string }> {
  // The engine has no host types: read the host's navigator and process as what they may be.
  const host = globalThis as { navigator?: GpuNavigator; process?: { versions?: { node?: string } } };
  const gpu = host.navigator?.gpu;
  if (!gpu) return { ok: false, why: host.process?.versions?.node ? 'Node.js has no WebGPU' : 'this browser has no WebGPU' };
  const adapter = await gpu.requestAdapter().catch(() => null);
  if (!adapter) return { ok: false, why: 'no WebGPU adapter' };
  const info = adapter.info ?? {};
  const name = [info.vendor, info.architecture, info.description].filter(Boolean).join(' ');
  if (info.isFallbackAdapter || adapter.isFallbackAdapter || /swiftshader|llvmpipe|lavapipe|basic render/i.test(name)) {
    return { ok: false, why: `WebGPU adapter is software (${/swiftshader/i.test(name) ? 'SwiftShader' : name || 'fallback adapter'})` };
  }
  return { ok: true };
}

async function useWasm(options: InitBackendOptions): Promise<string> {
  registerWasmKernels();
  if (!tf.findBackendFactory('wasm')) throw new Error('tfjs-backend-wasm is not registered');
  // Settings that only take effect before the wasm module loads.
  if (!tf.engine().registry.wasm) {
    if (options.wasmPaths) setWasmPaths(options.wasmPaths);
    if (options.threads) setThreadsCount(options.threads);
  }
  if (!(await tf.setBackend('wasm'))) throw new Error('the wasm backend failed to start');
  await prepareSimd(tf.backend() as BackendWasm);
  const simd = hasRelaxedSimd() ? 'relaxed SIMD' : (await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')) ? 'SIMD' : 'no SIMD';
  const threads = getThreadsCount();
  return `wasm (${simd}, ${threads} thread${threads === 1 ? '' : 's'})`;
}

/**
 * Registers the project's kernels and starts a tfjs backend.
 * 'auto' takes WebGPU only on a hardware adapter (a software one such as SwiftShader is far
 * slower than the CPU), otherwise wasm with the project's kernels, and cpu if wasm fails.
 * In Node there is no WebGPU, so 'auto' means wasm.
 */
export async function initBackend(preferred: BackendPreference = 'auto', options: InitBackendOptions = {}): Promise<BackendChoice> {
  if (preferred === 'wasm') return { name: 'wasm', reason: `requested; using ${await useWasm(options)}` };
  if (preferred !== 'auto') {
    if (!(await tf.setBackend(preferred))) throw new Error(`the ${preferred} backend failed to start`);
    return { name: preferred, reason: 'requested' };
  }
  const gpu = await probeWebGpu();
  if (gpu.ok && (await tf.setBackend('webgpu'))) return { name: 'webgpu', reason: 'hardware WebGPU adapter' };
  const why = gpu.ok ? 'the WebGPU backend failed to start' : gpu.why;
  try {
    return { name: 'wasm', reason: `${why}; using ${await useWasm(options)}` };
  } catch (e) {
    await tf.setBackend('cpu');
    return { name: 'cpu', reason: `${why}; wasm failed (${(e as Error).message}); using the slow cpu backend` };
  }
}
