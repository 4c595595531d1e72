import type { BackendNotice } from './recovery';

/**
 * A client worker's word to the main thread that it re-initialised its backend after a lost
 * device, outside comlink (the worker's calls come from the coordinator, not the main thread):
 * a plain message beside comlink's, as `postFatal` is.
 */
const NOTICE = 'backdoorLabBackend';

export function postBackendNotice(scope: { postMessage(message: unknown): void }, n: BackendNotice): void {
  scope.postMessage({ [NOTICE]: n });
}

/** The notice in a message from `postBackendNotice`, or null for any other message. */
export function readBackendNotice(data: unknown): BackendNotice | null {
  const n = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[NOTICE] : undefined;
  if (typeof n !== 'object' || n === null) return null;
  const { worker, backend, reason, round } = n as Partial<BackendNotice>;
  if (typeof worker !== 'string' || typeof reason !== 'string' || typeof backend?.name !== 'string' || typeof backend.reason !== 'string') return null;
  return { worker, backend: { name: backend.name, reason: backend.reason }, reason, round: typeof round === 'number' ? round : null };
}
