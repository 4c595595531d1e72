import * as tf from '@tensorflow/tfjs';
import type { AdapterReport } from '../browserResult';

interface GpuAdapterLike {
  info?: { vendor?: string; architecture?: string; device?: string; description?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}
type GpuHost = { gpu?: { requestAdapter(o?: { powerPreference?: string }): Promise<GpuAdapterLike | null> } };

/** The adapter tfjs-backend-webgpu will get, as the browser describes it. */
export async function adapterReport(): Promise<AdapterReport | null> {
  const gpu = (navigator as unknown as GpuHost).gpu;
  // tfjs-backend-webgpu asks for the high-performance adapter; so does this.
  const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' }).catch(() => null);
  if (!adapter) return null;
  const i = adapter.info ?? {};
  const r = { vendor: i.vendor ?? '', architecture: i.architecture ?? '', device: i.device ?? '', description: i.description ?? '' };
  const fallback = !!(i.isFallbackAdapter ?? adapter.isFallbackAdapter);
  const software = fallback || /swiftshader|llvmpipe|lavapipe|basic render|software/i.test(Object.values(r).join(' '));
  return { ...r, fallback, software };
}

/**
 * Records where the code reads a GPU-resident tensor synchronously on the active webgpu backend.
 * tfjs-backend-webgpu serves `dataSync` by copying through WebGPU canvases, which headless
 * SwiftShader often cannot back; it then loses every device ("A valid external Instance
 * reference no longer exists"). The stacks name the code that still reads that way.
 */
export function watchSyncReads(): string[] {
  const stacks: string[] = [];
  type Backend = { readSync(id: object): unknown; tensorMap: { get(id: object): { values?: unknown } | undefined } };
  if (tf.getBackend() !== 'webgpu') return stacks;
  const backend = tf.backend() as unknown as Backend;
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (id) => {
    // Values already on the CPU (uploads not yet used, earlier reads) cost no GPU round trip.
    if (backend.tensorMap.get(id)?.values == null) stacks.push(new Error('synchronous read of a GPU tensor').stack ?? '(no stack)');
    return readSync(id);
  };
  return stacks;
}

/** Resolves with the reason when the webgpu backend's device is lost (never otherwise). */
export function deviceLost(): Promise<string> {
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ reason?: string; message?: string }> } }).device;
  return new Promise((resolve) => {
    void device?.lost?.then((info) => { if (info.reason !== 'destroyed') resolve(info.message || info.reason || 'unknown reason'); });
  });
}
