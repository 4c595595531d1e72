/**
 * On-disk / over-the-wire dataset format "backdoor-lab-dataset/1" (built by
 * `npm run datasets`, see docs/datasets.md):
 *   <name>/index.json  — a DatasetIndex
 *   <name>/images.u8   — count × height × width × channels uint8, row-major, 255 = ink, 0 = background
 *                        (greyscale) or interleaved R, G, B (channels 3);
 *                        each class one contiguous block [start, start + count).
 * Pure TS: no DOM and no node: imports, so it runs in a Web Worker, Node and Vitest.
 */
import { reservedKeyPath } from '../config/reserved';
import { channelsOf, type ClassInfo, type ImageDataset } from './types';

export const DATASET_FORMAT = 'backdoor-lab-dataset/1';

export interface DatasetIndex {
  format: typeof DATASET_FORMAT;
  name: string;
  width: number;
  height: number;
  /** 3 for RGB; absent for greyscale (the files from before RGB stay byte-identical). */
  channels?: 1 | 3;
  /** Number of images in images.u8. */
  count: number;
  /** File name of the pixel data, relative to index.json (normally "images.u8"). */
  images: string;
  /** Lower-case hex SHA-256 of the images file. */
  sha256: string;
  /** Human readable provenance: which files, how they were processed. */
  source: string;
  /** Licence / citation note for the data, when known. */
  license?: string;
  classes: ClassInfo[];
}

export class DatasetFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DatasetFormatError';
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNonNegInt = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

/** Validates parsed index.json content; throws DatasetFormatError with a precise message. */
export function validateDatasetIndex(json: unknown): DatasetIndex {
  const fail = (msg: string): never => {
    const name = isObject(json) && typeof json.name === 'string' ? ` "${json.name}"` : '';
    throw new DatasetFormatError(`Invalid dataset index${name}: ${msg}`);
  };
  if (!isObject(json)) return fail('index.json must contain a JSON object');
  if (json.format !== DATASET_FORMAT) {
    return fail(`format is ${JSON.stringify(json.format)}, expected "${DATASET_FORMAT}" (rebuild with \`npm run datasets\`)`);
  }
  // Copies of the classes (`{ ...c }`) keep a "__proto__" key as data, but refuse it outright.
  const reserved = reservedKeyPath(json);
  if (reserved) fail(`"${reserved}" is a reserved name, never a field`);
  if (typeof json.name !== 'string' || json.name === '') fail('"name" must be a non-empty string');
  for (const k of ['width', 'height'] as const) {
    if (!isNonNegInt(json[k]) || json[k] === 0) fail(`"${k}" must be a positive integer, got ${JSON.stringify(json[k])}`);
  }
  if (json.channels !== undefined && json.channels !== 1 && json.channels !== 3) fail(`"channels" must be 1 or 3 (or absent for 1), got ${JSON.stringify(json.channels)}`);
  if (!isNonNegInt(json.count)) fail(`"count" must be a non-negative integer, got ${JSON.stringify(json.count)}`);
  if (typeof json.images !== 'string' || !/^[\w.-]+$/.test(json.images) || json.images.startsWith('.')) {
    fail(`"images" must be a plain file name, got ${JSON.stringify(json.images)}`);
  }
  if (typeof json.sha256 !== 'string' || !/^[0-9a-f]{64}$/.test(json.sha256)) fail('"sha256" must be 64 lower-case hex digits');
  if (typeof json.source !== 'string') fail('"source" must be a string');
  if (json.license !== undefined && typeof json.license !== 'string') fail('"license" must be a string');
  if (!Array.isArray(json.classes)) return fail('"classes" must be an array');
  const count = json.count as number;
  json.classes.forEach((c: unknown, i: number) => {
    const where = `classes[${i}]`;
    if (!isObject(c)) return fail(`${where} must be an object`);
    if (c.id !== i) fail(`${where}.id must be ${i} (its position), got ${JSON.stringify(c.id)}`);
    if (typeof c.name !== 'string') fail(`${where}.name must be a string`);
    if (c.alphabet !== undefined && typeof c.alphabet !== 'string') fail(`${where}.alphabet must be a string`);
    if (typeof c.origin !== 'string') fail(`${where}.origin must be a string`);
    if (typeof c.sourceLabel !== 'number' || !Number.isInteger(c.sourceLabel)) fail(`${where}.sourceLabel must be an integer`);
    if (!isNonNegInt(c.start) || !isNonNegInt(c.count)) fail(`${where}.start and .count must be non-negative integers`);
    if ((c.start as number) + (c.count as number) > count) {
      fail(`${where} ("${String(c.name)}") covers images ${c.start}..${(c.start as number) + (c.count as number) - 1}, beyond count ${count}`);
    }
  });
  const blocks = (json.classes as ClassInfo[]).filter((c) => c.count > 0).sort((a, b) => a.start - b.start);
  for (let i = 1; i < blocks.length; i++) {
    const prev = blocks[i - 1];
    if (blocks[i].start < prev.start + prev.count) {
      fail(`class blocks overlap: classes[${prev.id}] and classes[${blocks[i].id}]`);
    }
  }
  return json as unknown as DatasetIndex;
}

/** Validates the index and the pixel bytes and returns the in-memory dataset (no copy of `bytes`). */
export function parseDataset(index: unknown, bytes: Uint8Array): ImageDataset {
  const idx = validateDatasetIndex(index);
  const channels = idx.channels ?? 1;
  const expected = idx.count * idx.width * idx.height * channels;
  if (bytes.length !== expected) {
    throw new DatasetFormatError(
      `Dataset "${idx.name}": ${idx.images} has ${bytes.length} bytes, expected ${expected} ` +
        `(${idx.count} images of ${idx.width}×${idx.height}${channels === 1 ? '' : `×${channels}`}); the file is truncated or stale — rerun \`npm run datasets\``,
    );
  }
  return {
    name: idx.name,
    width: idx.width,
    height: idx.height,
    ...(channels !== 1 ? { channels } : {}),
    images: bytes,
    classes: idx.classes.map((c) => ({ ...c })),
  };
}

/** Builds the index for a dataset (used by the builder script). */
export function datasetIndexFor(
  ds: ImageDataset,
  meta: { sha256: string; source: string; license?: string; images?: string },
): DatasetIndex {
  const channels = channelsOf(ds);
  if (channels !== 1 && channels !== 3) throw new DatasetFormatError(`Dataset "${ds.name}": ${channels} channels; the format holds 1 or 3`);
  const count = ds.images.length / (ds.width * ds.height * channels);
  const index: DatasetIndex = {
    format: DATASET_FORMAT,
    name: ds.name,
    width: ds.width,
    height: ds.height,
    ...(channels === 3 ? { channels } : {}),
    count,
    images: meta.images ?? 'images.u8',
    sha256: meta.sha256,
    source: meta.source,
    ...(meta.license !== undefined ? { license: meta.license } : {}),
    classes: ds.classes.map((c) => ({ ...c })),
  };
  return validateDatasetIndex(index);
}
