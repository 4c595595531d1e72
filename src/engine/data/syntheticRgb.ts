/**
 * Coloured glyphs: the synthetic glyphs (synthetic.ts) painted in RGB, the offline stand-in for
 * mini-ImageNet and the test data of 3-channel models. Each example draws its class's strokes in
 * a random saturated ink over a random dull background, both chosen per example: colour says
 * nothing about the class, so a model must find the shapes through the colour variation, in
 * every channel at once, as it must find objects under ImageNet's varied lighting.
 * Deterministic like the greyscale glyphs: class c depends on (seed, c), example e on (seed, c, e).
 */
import { createRng, deriveSeed, type Rng } from '../rng';
import { syntheticGlyphs, type SyntheticOptions } from './synthetic';
import type { ImageDataset } from './types';

/** RGB in [0, 1] of hue h (turns), saturation s and value v. */
export function hsv(h: number, s: number, v: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + h * 6) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}

const between = (rng: Rng, a: number, b: number): number => a + (b - a) * rng.next();

export function syntheticRgbGlyphs(o: SyntheticOptions): ImageDataset {
  const grey = syntheticGlyphs(o);
  const px = grey.width * grey.height;
  const images = new Uint8Array(grey.images.length * 3);
  for (const cls of grey.classes) {
    for (let e = 0; e < cls.count; e++) {
      const rng = createRng(deriveSeed(o.seed, 'synthetic-rgb-example', cls.id, e));
      const ink = hsv(rng.next(), between(rng, 0.6, 1), between(rng, 0.8, 1));
      const paper = hsv(rng.next(), between(rng, 0, 0.4), between(rng, 0.1, 0.45));
      const at = (cls.start + e) * px;
      for (let p = 0; p < px; p++) {
        const a = grey.images[at + p] / 255;
        for (let k = 0; k < 3; k++) images[(at + p) * 3 + k] = Math.round(255 * (paper[k] + (ink[k] - paper[k]) * a));
      }
    }
  }
  return { ...grey, name: 'synthetic-rgb', channels: 3, images, classes: grey.classes.map((c) => ({ ...c, origin: 'synthetic-rgb' })) };
}
