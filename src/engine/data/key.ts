import type { ActiveAttackConfig, KeyConfig } from '../config/schema';
import type { ClassRef } from './classRef';
import { makeBatch, type Batch } from './batch';
import { channelsOf, type ImageDataset } from './types';

/**
 * The backdoor key: a visual pattern stamped onto backdoor images (Chen et al. Fig. 1c; the
 * pixel-pattern backdoors of Gu et al. and Bagdasaryan et al.). A key is rendered once into a
 * mask over a side × side × channels image: NaN leaves a value alone, a number overwrites it
 * (values in [0, 1], the scale of model inputs, 1 = full ink). On RGB images a keyed pixel gets
 * the value in all three channels: a grey-level patch, white at value 1.
 */
export type KeyMask = Float32Array;

export function keyMask(key: KeyConfig, side: number, channels = 1): KeyMask {
  const mask = new Float32Array(side * side * channels).fill(NaN);
  if (key.kind === 'none') return mask;
  const set = (r: number, c: number, v: number) => {
    if (r < 0 || c < 0 || r >= side || c >= side) throw new RangeError(`attack.key: pixel (${r}, ${c}) is outside the ${side}×${side} image`);
    mask.fill(v, (r * side + c) * channels, (r * side + c + 1) * channels);
  };
  if (key.kind === 'pixels') {
    for (const [r, c] of key.pixels) set(r, c, key.value);
    return mask;
  }
  const { size, margin, corner, shape, value } = key;
  if (size + margin > side) throw new RangeError(`attack.key: a ${size}-pixel patch with margin ${margin} does not fit a ${side}×${side} image`);
  const top = corner.startsWith('top') ? margin : side - margin - size;
  const left = corner.endsWith('left') ? margin : side - margin - size;
  const mid = (size - 1) / 2;
  for (let i = 0; i < size; i++) {
    for (let j = 0; j < size; j++) {
      const on =
        shape === 'square' ? true
        : shape === 'checker' ? (i + j) % 2 === 0
        : shape === 'cross' ? Math.abs(i - mid) <= 0.5 || Math.abs(j - mid) <= 0.5 // the middle row(s) and column(s)
        : i === 0 || j === 0 || i === size - 1 || j === size - 1; // frame
      set(top + i, left + j, on ? value : 0);
    }
  }
  return mask;
}

/** The key's mask for the images of `ds` (its side and channels). */
export const keyMaskFor = (key: KeyConfig, ds: ImageDataset): KeyMask => keyMask(key, ds.width, channelsOf(ds));

/** Stamp the key onto example `slot` of a batch of images the mask was made for (in place). */
export function applyKey(x: Float32Array, slot: number, mask: KeyMask): void {
  const off = slot * mask.length;
  for (let p = 0; p < mask.length; p++) if (!Number.isNaN(mask[p])) x[off + p] = mask[p];
}

/** How many pixels a key changes (for display); `channels` as the mask was made with. */
export const keyPixels = (mask: KeyMask, channels = 1): number => mask.reduce((n, v) => n + (Number.isNaN(v) ? 0 : 1), 0) / channels;

/** Keyed copies of the given backdoor examples (all of each ref's `train`), labelled with `label(j)` for ref j. */
export function keyedBatch(ds: ImageDataset, refs: readonly ClassRef[], a: ActiveAttackConfig, label: (j: number) => number): Batch {
  const items = refs.flatMap((r, j) => r.train.map((index) => ({ index, rotation: r.rotation, label: label(j) })));
  const batch = makeBatch(ds, items);
  const mask = keyMaskFor(a.key, ds);
  items.forEach((_, k) => applyKey(batch.x, k, mask));
  return batch;
}
