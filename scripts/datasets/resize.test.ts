import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { lanczos, lanczosTaps, resizeLanczos } from './resize.ts';

describe('Pillow-style Lanczos resize', () => {
  it('has the Lanczos-3 kernel: 1 at 0, 0 at the other integers and from ±3 on', () => {
    expect(lanczos(0)).toBe(1);
    for (const x of [-2, -1, 1, 2]) expect(Math.abs(lanczos(x))).toBeLessThan(1e-15);
    expect(lanczos(3)).toBe(0);
    expect(lanczos(-3.5)).toBe(0);
    // sinc(0.5)·sinc(1/6) = (2/π)·(3/π) = 6/π² ≈ 0.6079
    expect(lanczos(0.5)).toBeCloseTo(6 / Math.PI ** 2, 12);
  });

  it('keeps the size unchanged as the identity, and constant images constant', () => {
    const src = Uint8Array.from({ length: 5 * 4 * 3 }, (_, i) => (i * 37) % 256);
    expect(resizeLanczos(src, 5, 4, 3, 5, 4)).toEqual(src);
    expect(resizeLanczos(new Uint8Array(100 * 60 * 3).fill(77), 100, 60, 3, 84, 84)).toEqual(new Uint8Array(84 * 84 * 3).fill(77));
  });

  it('halving spreads each output over 12 source pixels (support 3 × scale 2), symmetric weights summing to 2^22', () => {
    const taps = lanczosTaps(8, 4);
    // Output 1 has centre 3.0 in source coordinates: pixels 0..7 are within 6 of it but clipped at the image edge.
    expect(taps[1].start).toBe(0);
    expect(taps[1].weights.length).toBe(8);
    const inner = lanczosTaps(40, 20)[10];
    expect(inner.start).toBe(15);
    expect(inner.weights.length).toBe(12);
    expect([...inner.weights]).toEqual([...inner.weights].reverse());
    const sum = inner.weights.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - 2 ** 22)).toBeLessThanOrEqual(6); // each weight rounded on its own
  });

  it('antialiases: a one-pixel checkerboard shrunk 4× becomes flat mid-grey, not aliased stripes', () => {
    const src = Uint8Array.from({ length: 16 * 16 }, (_, i) => (((i % 16) + Math.floor(i / 16)) % 2 ? 255 : 0));
    const out = resizeLanczos(src, 16, 16, 1, 4, 4);
    for (const v of out) expect(Math.abs(v - 127.5)).toBeLessThan(6);
  });
});

describe("resizeLanczos against Pillow's own output", () => {
  // A pattern both sides compute with integers; the digests are of Pillow 9.4.0's
  // Image.fromarray(a, 'RGB').resize((21, 21), Image.LANCZOS) (Debian's python3-pil), so a change
  // in the taps, the rounding or the pass order shows up here.
  const pattern = (w: number, h: number): Uint8Array => {
    const a = new Uint8Array(w * h * 3);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) for (let c = 0; c < 3; c++) a[(y * w + x) * 3 + c] = (x * 7 + y * 13 + c * 50 + ((x * y) % 17) * 9) % 256;
    return a;
  };
  const sha = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

  it('matches Pillow byte for byte, landscape 75×50 and portrait 40×64 down to 21×21', () => {
    expect(sha(resizeLanczos(pattern(75, 50), 75, 50, 3, 21, 21))).toBe('2a0434b7589af3f2107e4c19e3f78c02730b7a2eb3fca551375ce439f0fcf4b8');
    expect(sha(resizeLanczos(pattern(40, 64), 40, 64, 3, 21, 21))).toBe('0327c9ab459b2f95961a8480da530ddbeaaf7dce3096816fc587f2888df89c8c');
  });
});
