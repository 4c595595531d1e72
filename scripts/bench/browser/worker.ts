import * as tf from '@tensorflow/tfjs';
import type { BackendPreference } from '../../../src/engine/backend/initBackend';
import { startWorkerBackend } from '../../../src/workers/backend';
import { runWorkload } from '../workload';

// The app's own worker backend start-up, then the shared workload.
self.onmessage = async (e: MessageEvent<{ backend: BackendPreference; quick: boolean; isolated: boolean }>) => {
  try {
    const choice = await startWorkerBackend(e.data.backend, 'bench');
    const result = runWorkload({ quick: e.data.quick });
    self.postMessage({ backend: tf.getBackend(), reason: choice.reason, crossOriginIsolated: e.data.isolated, ...result });
  } catch (err) {
    self.postMessage({ error: (err as Error).message });
  }
};
