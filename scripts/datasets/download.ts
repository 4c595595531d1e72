/**
 * Downloads canonical source files into a cache folder, verifying each one (MD5 for the
 * canonical files) before it is renamed into place. Environment:
 *   BACKDOOR_LAB_OFFLINE=1            never download
 *   BACKDOOR_LAB_DATASET_MIRROR=URL   fetch `${URL}/<dataset>/<file>` instead of the canonical URLs
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { verifyBytes } from './checksum.ts';
import { type DatasetName, DOWNLOADS, type KnownFile } from './manifest.ts';

export const downloadsDisabled = (): boolean => /^(1|true|yes)$/i.test(process.env.BACKDOOR_LAB_OFFLINE ?? '');

export function urlsFor(dataset: DatasetName, file: KnownFile): string[] {
  const mirror = process.env.BACKDOOR_LAB_DATASET_MIRROR;
  if (mirror) return [`${mirror.replace(/\/+$/, '')}/${dataset}/${file.name}`];
  return file.urls ?? [];
}

export function verifyKnown(path: string, bytes: Uint8Array, file: KnownFile): void {
  if (file.md5) verifyBytes(path, bytes, 'md5', file.md5);
  if (file.sha256) verifyBytes(path, bytes, 'sha256', file.sha256);
}

async function fetchBytes(url: string, timeoutMs: number): Promise<Uint8Array> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'follow' });
  if (!res.ok) throw new Error(`HTTP ${res.status} ${res.statusText}`);
  return new Uint8Array(await res.arrayBuffer());
}

/**
 * Makes sure every download file of `dataset` is in `<cacheDir>/<dataset>/`, fetching the
 * missing or corrupt ones. Returns that folder. Throws with every URL's error when a file
 * cannot be obtained.
 */
export async function downloadDataset(
  dataset: DatasetName,
  cacheDir: string,
  log: (msg: string) => void,
  timeoutMs = 10 * 60_000,
): Promise<string> {
  const dir = join(cacheDir, dataset);
  mkdirSync(dir, { recursive: true });
  for (const file of DOWNLOADS[dataset]) {
    const path = join(dir, file.name);
    if (existsSync(path)) {
      try { verifyKnown(path, readFileSync(path), file); continue; } catch { log(`  cached ${file.name} is corrupt, downloading again`); }
    }
    const errors: string[] = [];
    let done = false;
    for (const url of urlsFor(dataset, file)) {
      try {
        log(`  downloading ${url}`);
        const t = performance.now();
        const bytes = await fetchBytes(url, timeoutMs);
        verifyKnown(url, bytes, file);
        writeFileSync(path + '.part', bytes);
        renameSync(path + '.part', path);
        log(`    ${(bytes.length / 1e6).toFixed(1)} MB in ${((performance.now() - t) / 1000).toFixed(1)} s, checksum ok`);
        done = true;
        break;
      } catch (e) {
        const err = e as Error & { cause?: { code?: string; message?: string } };
        errors.push(`${url}: ${err.message}${err.cause ? ` (${err.cause.code ?? err.cause.message})` : ''}`);
      }
    }
    if (!done) throw new Error(`could not download ${file.name}:\n      ${errors.join('\n      ') || 'no URL known'}`);
  }
  return dir;
}
