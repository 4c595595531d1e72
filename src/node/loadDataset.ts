/**
 * Node-only dataset loading (CLI, benchmarks, tests): reads public/datasets/<name>/ from disk.
 * Not for src/engine (which must stay free of node: imports) — the browser uses
 * src/engine/data/loadBrowser.ts instead.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildHint } from '../engine/data/buildHint';
import { DatasetFormatError, parseDataset, validateDatasetIndex } from '../engine/data/format';
import type { ImageDataset } from '../engine/data/types';

export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Where built datasets live: $BACKDOOR_LAB_DATASETS or <project>/public/datasets. */
export const datasetsRoot = (): string => resolve(process.env.BACKDOOR_LAB_DATASETS ?? join(PROJECT_ROOT, 'public', 'datasets'));

/** The folder of a built dataset; throws a message telling the user how to build it when missing. */
export function findDatasetDir(name: string, root: string = datasetsRoot()): string {
  const dir = join(root, name);
  if (!existsSync(join(dir, 'index.json'))) {
    throw new Error(
      `Dataset "${name}" not found: ${join(dir, 'index.json')} does not exist. ` +
        (name === 'mini-imagenet' ? buildHint(name) : 'Run `npm run datasets` to build public/datasets/ (see docs/datasets.md), or use the built-in synthetic dataset.'),
    );
  }
  return dir;
}

/** Loads `<dir>/index.json` + its images file; `verify` also checks the sha256. */
export function loadDatasetFromDir(dir: string, opts: { verify?: boolean } = {}): ImageDataset {
  const indexPath = join(dir, 'index.json');
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(indexPath, 'utf8'));
  } catch (e) {
    throw new DatasetFormatError(`Cannot read ${indexPath}: ${(e as Error).message}. Rerun \`npm run datasets\`.`);
  }
  const index = validateDatasetIndex(json);
  const imagesPath = join(dir, index.images);
  if (!existsSync(imagesPath)) throw new DatasetFormatError(`${imagesPath} is missing. Rerun \`npm run datasets\`.`);
  const buf = readFileSync(imagesPath);
  const bytes = new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
  if (opts.verify) {
    const actual = createHash('sha256').update(bytes).digest('hex');
    if (actual !== index.sha256) {
      throw new DatasetFormatError(`${imagesPath}: sha256 ${actual} does not match index.json (${index.sha256}). Rerun \`npm run datasets\`.`);
    }
  }
  return parseDataset(index, bytes);
}

/** findDatasetDir + loadDatasetFromDir. */
export const loadDataset = (name: string, opts: { verify?: boolean; root?: string } = {}): ImageDataset =>
  loadDatasetFromDir(findDatasetDir(name, opts.root), opts);
