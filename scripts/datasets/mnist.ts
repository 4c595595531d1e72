/**
 * MNIST-style datasets (MNIST, Fashion-MNIST) from idx files. Pixels are kept as they are
 * (0 = background, 255 = ink/object). Classes are (split, label) blocks: train labels 0..9,
 * then test labels 0..9; inside a block the original order is kept.
 */
import type { ClassInfo, ImageDataset } from '../../src/engine/data/types.ts';
import { checkIdxPair, parseIdxMaybeGzip } from './idx.ts';

export const MNIST_LABELS = ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'];
export const FASHION_MNIST_LABELS = [
  'T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat', 'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot',
];

/** The four canonical file names (gzipped idx). */
export const IDX_FILES = {
  trainImages: 'train-images-idx3-ubyte.gz',
  trainLabels: 'train-labels-idx1-ubyte.gz',
  testImages: 't10k-images-idx3-ubyte.gz',
  testLabels: 't10k-labels-idx1-ubyte.gz',
} as const;

export interface IdxSplitInput {
  split: 'train' | 'test';
  /** idx bytes, gzipped or not. */
  images: Uint8Array;
  labels: Uint8Array;
}

export function buildIdxDataset(name: string, splits: IdxSplitInput[], labelNames: readonly string[]): ImageDataset {
  const parsed = splits.map((s) => {
    const images = parseIdxMaybeGzip(s.images);
    const labels = parseIdxMaybeGzip(s.labels);
    const [n, h, w] = checkIdxPair(images, labels, `${name} ${s.split}`);
    return { split: s.split, images: images.data, labels: labels.data, n, h, w };
  });
  const { h, w } = parsed[0];
  for (const p of parsed) {
    if (p.h !== h || p.w !== w) throw new Error(`${name}: ${p.split} images are ${p.w}×${p.h}, expected ${w}×${h}`);
  }
  const size = w * h;
  const total = parsed.reduce((a, p) => a + p.n, 0);
  const out = new Uint8Array(total * size);
  const classes: ClassInfo[] = [];
  let next = 0;
  for (const p of parsed) {
    const counts = new Array<number>(labelNames.length).fill(0);
    for (const l of p.labels) {
      if (l >= labelNames.length) throw new Error(`${name} ${p.split}: label ${l} out of range 0..${labelNames.length - 1}`);
      counts[l]++;
    }
    const cursor: number[] = [];
    counts.forEach((count, label) => {
      classes.push({ id: classes.length, name: labelNames[label], origin: p.split, sourceLabel: label, start: next, count });
      cursor.push(next);
      next += count;
    });
    for (let i = 0; i < p.n; i++) {
      out.set(p.images.subarray(i * size, (i + 1) * size), cursor[p.labels[i]]++ * size);
    }
  }
  return { name, width: w, height: h, images: out, classes };
}
