import { channelsOf, type ImageDataset } from './types';

/** A batch of images (NHWC, values in [0, 1]) and integer labels. */
export interface Batch {
  x: Float32Array;
  y: Int32Array;
  n: number;
  side: number;
  /** Channels per pixel: absent = 1 (greyscale), 3 for RGB. */
  channels?: number;
}

/** Values per example: side × side × channels. */
export const batchPixels = (b: Pick<Batch, 'side' | 'channels'>): number => b.side * b.side * (b.channels ?? 1);

/** Keeps `channels` off greyscale batches, so they look exactly as they did before RGB. */
const withChannels = (c: number): { channels?: number } => (c === 1 ? {} : { channels: c });

/** Copy image `index` rotated by rotation × 90° into `out` at example slot `slot`, scaled to [0, 1]. */
export function writeImage(ds: ImageDataset, index: number, rotation: number, out: Float32Array, slot: number): void {
  const s = ds.width;
  const c = channelsOf(ds);
  const src = index * s * s * c;
  const dst = slot * s * s * c;
  const r = ((rotation % 4) + 4) % 4;
  for (let i = 0; i < s; i++) {
    for (let j = 0; j < s; j++) {
      // Rotating counter-clockwise by 90°: output (i, j) reads input (j, s-1-i). A pixel's channels move together.
      const [si, sj] = r === 0 ? [i, j] : r === 1 ? [j, s - 1 - i] : r === 2 ? [s - 1 - i, s - 1 - j] : [s - 1 - j, i];
      const from = src + (si * s + sj) * c, to = dst + (i * s + j) * c;
      for (let k = 0; k < c; k++) out[to + k] = ds.images[from + k] / 255;
    }
  }
}

/** Build a batch from (image, rotation, label) items, in the given order. */
export function makeBatch(ds: ImageDataset, items: readonly { index: number; rotation: number; label: number }[]): Batch {
  const side = ds.width;
  const c = channelsOf(ds);
  const x = new Float32Array(items.length * side * side * c);
  const y = new Int32Array(items.length);
  items.forEach((it, k) => {
    writeImage(ds, it.index, it.rotation, x, k);
    y[k] = it.label;
  });
  return { x, y, n: items.length, side, ...withChannels(c) };
}

/** The given rows of a batch, as a new batch. */
export function sliceBatch(b: Batch, rows: readonly number[]): Batch {
  const px = batchPixels(b);
  const x = new Float32Array(rows.length * px);
  const y = new Int32Array(rows.length);
  rows.forEach((r, k) => {
    x.set(b.x.subarray(r * px, (r + 1) * px), k * px);
    y[k] = b.y[r];
  });
  return { x, y, n: rows.length, side: b.side, ...withChannels(b.channels ?? 1) };
}

/** The examples of `a` followed by those of `b` (the same image side and channels). */
export function concatBatches(a: Batch, b: Batch): Batch {
  const x = new Float32Array(a.x.length + b.x.length);
  x.set(a.x);
  x.set(b.x, a.x.length);
  const y = new Int32Array(a.n + b.n);
  y.set(a.y);
  y.set(b.y, a.n);
  return { x, y, n: a.n + b.n, side: a.side, ...withChannels(a.channels ?? 1) };
}
