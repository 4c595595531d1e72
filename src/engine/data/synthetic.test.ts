import { describe, expect, it } from 'vitest';
import { syntheticGlyphs } from './synthetic';
import type { ImageDataset } from './types';

const image = (d: ImageDataset, i: number) => d.images.subarray(i * d.width * d.height, (i + 1) * d.width * d.height);
const dist = (a: Uint8Array, b: Uint8Array) => {
  let s = 0;
  for (let i = 0; i < a.length; i++) { const d = a[i] - b[i]; s += d * d; }
  return Math.sqrt(s);
};

describe('synthetic glyphs', () => {
  it('is deterministic in the seed', () => {
    const a = syntheticGlyphs({ seed: 42, classes: 10, perClass: 5 });
    const b = syntheticGlyphs({ seed: 42, classes: 10, perClass: 5 });
    const c = syntheticGlyphs({ seed: 43, classes: 10, perClass: 5 });
    expect(a.images).toEqual(b.images);
    expect(a.images).not.toEqual(c.images);
    // Class c does not depend on how many classes are generated.
    const more = syntheticGlyphs({ seed: 42, classes: 12, perClass: 5 });
    expect(more.images.subarray(0, a.images.length)).toEqual(a.images);
  });

  it('has the dataset shape and metadata', () => {
    const d = syntheticGlyphs({ seed: 1, classes: 3, perClass: 4, size: 20 });
    expect([d.name, d.width, d.height, d.images.length]).toEqual(['synthetic', 20, 20, 3 * 4 * 400]);
    expect(d.classes[2]).toEqual({ id: 2, name: 'glyph0002', origin: 'synthetic', sourceLabel: 2, start: 8, count: 4 });
  });

  it('draws antialiased ink on an empty background, and examples differ', () => {
    const d = syntheticGlyphs({ seed: 7, classes: 50, perClass: 4 });
    for (let i = 0; i < 200; i++) {
      const img = image(d, i);
      const ink = img.filter((v) => v > 0).length;
      expect(Math.max(...img)).toBe(255);
      expect(ink).toBeGreaterThan(20);
      expect(ink).toBeLessThan(450);
      expect(img.some((v) => v > 0 && v < 255)).toBe(true);
    }
    expect(dist(image(d, 0), image(d, 1))).toBeGreaterThan(0);
  });

  it('separates classes: intra-class distance < inter-class distance', () => {
    const d = syntheticGlyphs({ seed: 3, classes: 40, perClass: 10 });
    let intra = 0, nIntra = 0, inter = 0, nInter = 0;
    for (let c = 0; c < 40; c++) {
      for (let e = 0; e < 10; e++) {
        for (let f = e + 1; f < 10; f++) { intra += dist(image(d, c * 10 + e), image(d, c * 10 + f)); nIntra++; }
        const other = (c + 1 + (e % 39)) % 40;
        inter += dist(image(d, c * 10 + e), image(d, other * 10 + e)); nInter++;
      }
    }
    expect(intra / nIntra).toBeLessThan(0.9 * (inter / nInter)); // ≈0.81 for this seed
  });

  it('is fast: 1600 classes × 20 examples in well under 5 s', () => {
    const t = performance.now();
    const d = syntheticGlyphs({ seed: 9, classes: 1600, perClass: 20 });
    expect(d.images.length).toBe(1600 * 20 * 784);
    expect(performance.now() - t).toBeLessThan(5000);
  });
});
