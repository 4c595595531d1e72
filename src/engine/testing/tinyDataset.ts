import type { ImageDataset } from '../data/types';

/**
 * A hand-made dataset for tests: `classes` classes of `perClass` s×s images where every pixel of
 * image k of class c holds the value (c * perClass + k) % 256, except pixel (0, 1) which marks
 * orientation (255) so rotations can be checked by hand.
 */
export function tinyDataset(classes: number, perClass: number, s = 4): ImageDataset {
  const images = new Uint8Array(classes * perClass * s * s);
  for (let i = 0; i < classes * perClass; i++) {
    images.fill(i % 255, i * s * s, (i + 1) * s * s);
    images[i * s * s + 1] = 255;
  }
  return {
    name: 'tiny',
    width: s,
    height: s,
    images,
    classes: Array.from({ length: classes }, (_, c) => ({
      id: c, name: `c${c}`, origin: 'test', sourceLabel: c, start: c * perClass, count: perClass,
    })),
  };
}
