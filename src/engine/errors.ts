/**
 * Errors that callers act on by kind rather than by wording. The app's workers pass them to the
 * main thread with their code and source intact (src/workers/errors.ts), so the controller can
 * decide what to do (fall back to another dataset, mark the worker at fault) without reading
 * the message, which stays free to change and is what users see.
 */
export const LAB_ERROR_CODES = [
  /** A dataset that was never built: 404 or a web page instead of its index (run `npm run datasets`). */
  'dataset-missing',
  /** The config was rejected (the engine's ConfigError). */
  'config',
  /** A checkpoint that cannot be found or read. */
  'checkpoint',
  /** A worker died: an uncaught error, a script that failed to load, an undecodable message. */
  'worker-crashed',
  /** A worker's WebGPU device was lost. */
  'gpu-device-lost',
  /** The workers were stopped on purpose (reset, restart). */
  'terminated',
  /** Anything else. */
  'internal',
] as const;

export type LabErrorCode = (typeof LAB_ERROR_CODES)[number];

export class LabError extends Error {
  /**
   * @param source The worker to blame, e.g. "client 2" or "coordinator"; none when no worker
   *   is at fault (a missing dataset, say).
   */
  constructor(readonly code: LabErrorCode, message: string, readonly source?: string) {
    super(message);
    this.name = 'LabError';
  }
}

export const isLabErrorCode = (c: unknown): c is LabErrorCode => (LAB_ERROR_CODES as readonly unknown[]).includes(c);
