import * as tf from '@tensorflow/tfjs';
import type { BackendPreference } from '../../../src/engine/backend/initBackend';
import { startWorkerBackend } from '../../../src/workers/backend';
import { runWorkload } from '../workload';
import { adapterReport, deviceLost, watchSyncReads } from './gpuProbe';

// The app's own worker backend start-up, then the shared workload. On WebGPU the answer also
// names the adapter (the GPU check, `hardware`, stops at once on a software one) and carries the
// stacks of any synchronous GPU reads, also when the device is lost.
self.onmessage = async (e: MessageEvent<{ backend: BackendPreference; quick: boolean; isolated: boolean; hardware: boolean }>) => {
  let syncReads: string[] = [];
  try {
    const adapter = e.data.backend === 'webgpu' ? await adapterReport() : undefined;
    // The GPU check wants hardware figures only: no minutes of SwiftShader work to throw away.
    if (e.data.hardware && (!adapter || adapter.software)) {
      self.postMessage({ error: 'no hardware WebGPU adapter', adapter: adapter ?? null });
      return;
    }
    const choice = await startWorkerBackend(e.data.backend, 'bench');
    syncReads = watchSyncReads();
    const lost = deviceLost().then((why) => ({ error: `GPU device lost (${why})`, syncReads }));
    const result = await Promise.race([runWorkload({ quick: e.data.quick }), lost]);
    self.postMessage({ backend: tf.getBackend(), reason: choice.reason, adapter, crossOriginIsolated: e.data.isolated, syncReads, ...result });
  } catch (err) {
    self.postMessage({ error: (err as Error).message, syncReads });
  }
};
