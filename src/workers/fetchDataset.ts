/**
 * Loading a built dataset over HTTP with `fetch` — works on the main thread, in a Web Worker
 * and in Node ≥ 18. No DOM or node: imports.
 */
import { LabError } from '../engine/errors';
import { DatasetFormatError, parseDataset, validateDatasetIndex } from '../engine/data/format';
import type { ImageDataset } from '../engine/data/types';
import { buildHint } from '../engine/data/buildHint';

export interface FetchDatasetOptions {
  /** Check images.u8 against the sha256 in index.json (Web Crypto; ~0.1 s per 50 MB). */
  verify?: boolean;
  signal?: AbortSignal;
  /** Injected fetch (tests); defaults to globalThis.fetch. */
  fetch?: typeof fetch;
}


/** Joins URL parts without resolving against a base, so relative bases like "/datasets" or "datasets" work too. */
export function joinUrl(base: string, ...parts: string[]): string {
  return [base.replace(/\/+$/, ''), ...parts.map((p) => encodeURIComponent(p))].join('/');
}

/** Hex SHA-256 with Web Crypto (available in browsers, workers and Node ≥ 19). */
export async function sha256Hex(bytes: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Fetches `<baseUrl>/<name>/index.json` and the images file it names, validates both and
 * returns the dataset. `baseUrl` is e.g. `${import.meta.env.BASE_URL}datasets`. A dataset that
 * is not there (HTTP 404, or a web page instead of the index) is a LabError 'dataset-missing'.
 */
export async function fetchDataset(baseUrl: string, name: string, opts: FetchDatasetOptions = {}): Promise<ImageDataset> {
  const doFetch = opts.fetch ?? globalThis.fetch;
  const get = async (url: string): Promise<Response> => {
    let res: Response;
    try {
      res = await doFetch(url, { signal: opts.signal });
    } catch (e) {
      throw new Error(`Dataset "${name}": could not fetch ${url}: ${(e as Error).message}`, { cause: e });
    }
    if (!res.ok) {
      const text = `Dataset "${name}": ${url} answered HTTP ${res.status}. ${buildHint(name)}`;
      throw res.status === 404 ? new LabError('dataset-missing', text) : new Error(text);
    }
    return res;
  };
  const indexUrl = joinUrl(baseUrl, name, 'index.json');
  const indexRes = await get(indexUrl);
  let json: unknown;
  try {
    json = await indexRes.json();
  } catch {
    // Dev servers answer unknown paths with index.html: report that as "missing", not as bad JSON.
    throw new LabError('dataset-missing', `Dataset "${name}": ${indexUrl} is not JSON (missing file?). ${buildHint(name)}`);
  }
  const index = validateDatasetIndex(json);
  const bytes = new Uint8Array(await (await get(joinUrl(baseUrl, name, index.images))).arrayBuffer());
  if (opts.verify) {
    const actual = await sha256Hex(bytes);
    if (actual !== index.sha256) {
      throw new DatasetFormatError(`Dataset "${name}": ${index.images} has sha256 ${actual}, index.json says ${index.sha256}. ${buildHint(name)}`);
    }
  }
  return parseDataset(index, bytes);
}
