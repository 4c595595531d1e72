import type { BackendChoice } from '../engine/backend/initBackend';
import { LabError } from '../engine/errors';

/**
 * What a client worker needs from its tfjs backend to survive a lost GPU device (backend.ts
 * implements it; tests pass a fake): whether the device is gone, and a fresh backend.
 */
export interface RecoverableBackend {
  /** The backend tfjs runs on now. */
  readonly current: BackendChoice;
  /** Why the device went away (its `device.lost`), or null while it is fine. */
  lost(): string | null;
  /** Drops the broken backend and starts another: WebGPU again if an adapter answers, else wasm. */
  restart(): Promise<BackendChoice>;
  /**
   * How many times `restart` ran. A worker holding several clients (the run and its benign twin)
   * sees from it that another client's recovery replaced the backend its own tensors lived on.
   */
  readonly restarts?: number;
}

/** Told to the main thread when a client worker re-initialised its backend and carried on. */
export interface BackendNotice {
  /** "client 3". */
  worker: string;
  backend: BackendChoice;
  /** What happened, for people: "GPU device lost (…); fell back to wasm". */
  reason: string;
  /** The round that was re-run, or null when the loss was found between rounds. */
  round: number | null;
}

/**
 * Whether a failure is the GPU going away rather than a bug: a 'gpu-device-lost' LabError, a
 * device the backend reports lost, or anything a WebGPU kernel throws (its failures are all
 * device trouble to us; a real bug fails again after the re-run and is then reported).
 */
export function isDeviceFailure(e: unknown, backend: RecoverableBackend): boolean {
  if (e instanceof LabError) return e.code === 'gpu-device-lost';
  return backend.lost() !== null || backend.current.name === 'webgpu';
}

/** The words for a failure, without a repeated prefix. */
export function failureText(e: unknown): string {
  if (e instanceof LabError && e.code === 'gpu-device-lost') return e.message;
  return `WebGPU kernel failed (${e instanceof Error ? e.message : String(e)})`;
}

/** "…; fell back to wasm" or, on the same backend again, "…; restarted webgpu". */
export function recoveryText(why: string, before: BackendChoice, after: BackendChoice): string {
  return `${why}; ${after.name === before.name ? 'restarted' : 'fell back to'} ${after.name}`;
}

/** A forced loss (the loseDevice test hook), shaped like a real one. */
export const injectedLoss = (who: string): LabError =>
  new LabError('gpu-device-lost', 'GPU device lost (forced by loseDevice)', who);
