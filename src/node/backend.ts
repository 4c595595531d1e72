import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { initBackend, type BackendChoice } from '../engine/backend/initBackend';

/** Start tfjs in Node: the engine's backend choice, with the wasm binaries found in node_modules. */
export function initNodeBackend(preferred: string = 'auto'): Promise<BackendChoice> {
  const require = createRequire(import.meta.url);
  const wasmDir = join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist') + '/';
  return initBackend(preferred as Parameters<typeof initBackend>[0], { wasmPaths: wasmDir });
}
