import { transferHandlers, type TransferHandler } from 'comlink';
import { ConfigError } from '../engine/config/parse';
import { isLabErrorCode, LabError } from '../engine/errors';

/**
 * LabErrors across the worker boundary. Comlink sends whatever a call throws through its 'throw'
 * transfer handler, which keeps only message, name and stack; `registerLabErrors` wraps that
 * handler so a LabError also keeps its code and source. Every thread that sends or receives
 * calls must register it (each worker entry, and the main thread in workerPool.ts).
 */

/** Comlink's own wire shape for a thrown value, plus the LabError's fields. */
interface ThrowWire {
  isError: boolean;
  value: unknown;
  lab?: LabErrorWire;
}

interface LabErrorWire {
  code: string;
  message: string;
  source?: string;
  stack?: string;
}

const toWire = (e: LabError): LabErrorWire => ({ code: e.code, message: e.message, source: e.source, stack: e.stack });

function fromWire(w: LabErrorWire): LabError {
  const e = new LabError(isLabErrorCode(w.code) ? w.code : 'internal', w.message, w.source);
  if (w.stack) e.stack = w.stack; // where it was thrown, not where it was rebuilt
  return e;
}

/**
 * Any thrown value as a LabError: a LabError keeps its code, the engine's ConfigError becomes
 * 'config', anything else 'internal'. The message stays as it was (users read it); `source`
 * is filled in when the error has none.
 */
export function toLabError(e: unknown, source?: string): LabError {
  if (e instanceof LabError && (e.source || !source)) return e;
  const code = e instanceof LabError ? e.code : e instanceof ConfigError ? 'config' : 'internal';
  const out = new LabError(code, e instanceof Error ? e.message : String(e), source);
  if (e instanceof Error && e.stack) out.stack = e.stack;
  return out;
}

/** Comlink's 'throw' handler, extended: a thrown LabError crosses with its code and source. */
export function labThrowHandler(inner: TransferHandler<unknown, unknown>): TransferHandler<unknown, unknown> {
  return {
    canHandle: (v: unknown): v is unknown => inner.canHandle(v),
    serialize(thrown) {
      const e = (thrown as { value: unknown }).value;
      if (!(e instanceof LabError)) return inner.serialize(thrown);
      // Still comlink's shape, so a thread without this handler gets a plain Error with the message.
      const wire: ThrowWire = { isError: true, value: { message: e.message, name: e.name, stack: e.stack }, lab: toWire(e) };
      return [wire, []];
    },
    deserialize(wire) {
      const lab = (wire as ThrowWire | null)?.lab;
      if (lab) throw fromWire(lab);
      return inner.deserialize(wire);
    },
  };
}

const registered = Symbol('backdoor-lab errors');

/** Installs the handler in this thread's comlink; calling it again does nothing. */
export function registerLabErrors(): void {
  const current = transferHandlers.get('throw');
  if (!current || registered in current) return;
  transferHandlers.set('throw', Object.assign(labThrowHandler(current), { [registered]: true }));
}

/**
 * `api` with every method's errors turned into LabErrors from `source()` (a client worker names
 * itself; the coordinator passes none, since an error it reports blames no worker).
 */
export function withLabErrors<T extends Record<string, (...args: never[]) => unknown>>(api: T, source: () => string | undefined = () => undefined): T {
  const wrapped: Record<string, unknown> = {};
  for (const [key, f] of Object.entries(api)) {
    wrapped[key] = (...args: unknown[]) => {
      try {
        const r = (f as (...a: unknown[]) => unknown)(...args);
        return r instanceof Promise ? r.catch((e: unknown) => { throw toLabError(e, source()); }) : r;
      } catch (e) {
        throw toLabError(e, source());
      }
    };
  }
  return wrapped as T;
}

/**
 * A worker's last word, outside comlink: posted to the main thread just before the worker dies
 * of something it can name (a lost GPU device), so the pool can fail with the right code.
 */
const FATAL = 'backdoorLabFatal';

export function postFatal(scope: { postMessage(message: unknown): void }, e: LabError): void {
  scope.postMessage({ [FATAL]: toWire(e) });
}

/** The LabError in a message from `postFatal`, or null for any other message (comlink's). */
export function readFatal(data: unknown): LabError | null {
  const w = typeof data === 'object' && data !== null ? (data as Record<string, unknown>)[FATAL] : undefined;
  return w ? fromWire(w as LabErrorWire) : null;
}
