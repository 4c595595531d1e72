/**
 * Checkpoint bytes the app knows about: files the user picked (kept in memory for this page) and
 * the last checkpoint saved, which survives reloads in IndexedDB.
 * Config sources: `file:NAME` (picked file), `saved:last` (IndexedDB), anything else is a URL;
 * a path under `public/` (as `npm run sim` reads it from disk) is fetched from where Vite serves it.
 */
import { LabError } from '../../engine/errors';

const DB = 'backdoor-lab';
const STORE = 'checkpoints';
const picked = new Map<string, Uint8Array>();

export interface SavedCheckpoint {
  name: string;
  savedAt: number;
  bytes: Uint8Array;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function tx<T>(mode: IDBTransactionMode, f: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await open();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = f(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

export const saveLast = (c: SavedCheckpoint): Promise<IDBValidKey> => tx('readwrite', (s) => s.put(c, 'last'));
export const loadLast = (): Promise<SavedCheckpoint | undefined> =>
  tx<SavedCheckpoint | undefined>('readonly', (s) => s.get('last')).catch(() => undefined);

export function rememberPicked(name: string, bytes: Uint8Array): string {
  picked.set(name, bytes);
  return `file:${name}`;
}

/** The bytes behind a config's `init.source`; one that cannot be had is a LabError 'checkpoint'. */
export async function resolveCheckpoint(source: string): Promise<Uint8Array> {
  if (source.startsWith('file:')) {
    const b = picked.get(source.slice(5));
    if (!b) throw new LabError('checkpoint', `the checkpoint file "${source.slice(5)}" is not loaded in this page; pick it again under "Start from"`);
    return b.slice();
  }
  if (source === 'saved:last') {
    const c = await loadLast();
    if (!c) throw new LabError('checkpoint', 'no checkpoint has been saved in this browser yet');
    return c.bytes.slice();
  }
  const url = checkpointUrl(source);
  let res: Response;
  try {
    res = await fetch(url);
  } catch (e) {
    throw new LabError('checkpoint', `could not fetch the checkpoint ${url}: ${(e as Error).message}`);
  }
  if (!res.ok) throw new LabError('checkpoint', `the checkpoint ${url} answered HTTP ${res.status}`);
  // Dev and preview servers answer a missing file with the app's index.html.
  if (/text\/html/.test(res.headers.get('content-type') ?? '')) throw new LabError('checkpoint', `there is no checkpoint at ${url} (the server answered with a web page)`);
  return new Uint8Array(await res.arrayBuffer());
}

/** `public/checkpoints/x.ckpt` (a path for Node) → `<base>/checkpoints/x.ckpt`; URLs stay as they are. */
export function checkpointUrl(source: string, base: string = document.baseURI): string {
  return new URL(source.replace(/^(\.\/)?public\//, ''), base).href;
}
