/** Writes a dataset folder (images.u8 + index.json) and checks whether one is already up to date. */
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ImageDataset } from '../../src/engine/data/types.ts';
import { type DatasetIndex, datasetIndexFor, validateDatasetIndex } from '../../src/engine/data/format.ts';
import { hashBytes } from './checksum.ts';

/**
 * Writes `<dir>/images.u8` then `<dir>/index.json` (each via a temp file + rename, index last,
 * so an interrupted build never leaves an index that points at a partial images file).
 */
export function writeDataset(dir: string, ds: ImageDataset, meta: { source: string; license?: string }): DatasetIndex {
  mkdirSync(dir, { recursive: true });
  const index = datasetIndexFor(ds, { sha256: hashBytes(ds.images), ...meta });
  const imagesPath = join(dir, index.images);
  const indexPath = join(dir, 'index.json');
  rmSync(indexPath, { force: true });
  writeFileSync(imagesPath + '.tmp', ds.images);
  renameSync(imagesPath + '.tmp', imagesPath);
  writeFileSync(indexPath + '.tmp', formatIndexJson(index));
  renameSync(indexPath + '.tmp', indexPath);
  return index;
}

/** Pretty JSON with one line per class (readable, yet ~half the size of fully indented JSON). */
export function formatIndexJson(index: DatasetIndex): string {
  const { classes, ...head } = index;
  const top = JSON.stringify(head, null, 2).replace(/\n}$/, '');
  return `${top},\n  "classes": [\n${classes.map((c) => `    ${JSON.stringify(c)}`).join(',\n')}\n  ]\n}\n`;
}

/**
 * Returns the index when `<dir>` holds a complete dataset whose images file matches the
 * sha256 recorded in index.json; otherwise a reason why it must be (re)built.
 */
export function checkExistingDataset(dir: string): { ok: true; index: DatasetIndex } | { ok: false; reason: string } {
  const indexPath = join(dir, 'index.json');
  if (!existsSync(indexPath)) return { ok: false, reason: 'not built yet' };
  try {
    const index = validateDatasetIndex(JSON.parse(readFileSync(indexPath, 'utf8')));
    const imagesPath = join(dir, index.images);
    if (!existsSync(imagesPath)) return { ok: false, reason: `${index.images} is missing` };
    const bytes = readFileSync(imagesPath);
    if (bytes.length !== index.count * index.width * index.height * (index.channels ?? 1)) return { ok: false, reason: `${index.images} has the wrong size` };
    if (hashBytes(bytes) !== index.sha256) return { ok: false, reason: `${index.images} does not match the sha256 in index.json` };
    return { ok: true, index };
  } catch (e) {
    return { ok: false, reason: (e as Error).message };
  }
}
