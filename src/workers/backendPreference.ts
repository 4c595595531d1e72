import type { BackendPreference } from '../engine/backend/initBackend';

/** The `?backend=` values (no tfjs import: the main thread reads these too). */
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'webgl', 'wasm', 'cpu'];
export const isBackendPreference = (s: unknown): s is BackendPreference =>
  typeof s === 'string' && (BACKEND_PREFERENCES as readonly string[]).includes(s);
