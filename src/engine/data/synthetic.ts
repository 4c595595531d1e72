/**
 * Procedural "handwritten glyph" dataset, built in code from a seed (no files): the offline
 * default and the test fixture. Each class is 2–4 random strokes (straight lines, circular
 * arcs, quadratic curves, dots) in a unit box; each example redraws the class's strokes with
 * per-example jitter (control points, rotation ±10°, shift ±2 px, scale, shear, thickness),
 * antialiased by analytic coverage of a round-capped pen of the stroke's width.
 * Deterministic: class c and example e depend only on (seed, c) and (seed, c, e).
 */
import { createRng, deriveSeed, type Rng } from '../rng';
import type { ClassInfo, ImageDataset } from './types';

export interface SyntheticOptions {
  seed: number;
  classes: number;
  perClass: number;
  /** Image width = height in pixels (default 28). */
  size?: number;
}

interface Stroke {
  /** Polyline control points in the unit box [-1, 1]², flat [x0, y0, x1, y1, …]; one point = dot. */
  points: number[];
  /** Pen width relative to the class's base width. */
  width: number;
}

interface GlyphClass { strokes: Stroke[]; baseWidth: number }

const ARC_STEPS = 8;
const uniform = (rng: Rng, a: number, b: number): number => a + (b - a) * rng.next();

function makeStroke(rng: Rng): Stroke {
  const kind = rng.next();
  if (kind < 0.35) { // straight line, at least 0.6 long
    let x0, y0, x1, y1;
    do {
      x0 = uniform(rng, -0.85, 0.85); y0 = uniform(rng, -0.85, 0.85);
      x1 = uniform(rng, -0.85, 0.85); y1 = uniform(rng, -0.85, 0.85);
    } while (Math.hypot(x1 - x0, y1 - y0) < 0.6);
    return { points: [x0, y0, x1, y1], width: 1 };
  }
  const points: number[] = [];
  if (kind < 0.65) { // circular arc
    const r = uniform(rng, 0.25, 0.7);
    const cx = uniform(rng, -0.85 + r, 0.85 - r), cy = uniform(rng, -0.85 + r, 0.85 - r);
    const a0 = uniform(rng, 0, 2 * Math.PI), sweep = uniform(rng, 0.6, 1.7) * Math.PI * (rng.next() < 0.5 ? -1 : 1);
    for (let i = 0; i <= ARC_STEPS; i++) {
      const a = a0 + (sweep * i) / ARC_STEPS;
      points.push(cx + r * Math.cos(a), cy + r * Math.sin(a));
    }
    return { points, width: 1 };
  }
  if (kind < 0.92) { // quadratic Bézier
    const p = Array.from({ length: 6 }, () => uniform(rng, -0.85, 0.85));
    for (let i = 0; i <= ARC_STEPS; i++) {
      const t = i / ARC_STEPS, u = 1 - t;
      points.push(u * u * p[0] + 2 * u * t * p[2] + t * t * p[4], u * u * p[1] + 2 * u * t * p[3] + t * t * p[5]);
    }
    return { points, width: 1 };
  }
  return { points: [uniform(rng, -0.7, 0.7), uniform(rng, -0.7, 0.7)], width: 1.8 }; // dot
}

function makeClass(seed: number, c: number): GlyphClass {
  const rng = createRng(deriveSeed(seed, 'synthetic-class', c));
  const n = 2 + rng.int(3);
  return { strokes: Array.from({ length: n }, () => makeStroke(rng)), baseWidth: uniform(rng, 1.5, 2.4) };
}

/** Coverage of pixel centres by a round-capped segment of radius r, max-combined into `acc`. */
function drawSegment(acc: Float32Array, size: number, x0: number, y0: number, x1: number, y1: number, r: number): void {
  const pad = r + 1;
  const xa = Math.max(0, Math.floor(Math.min(x0, x1) - pad)), xb = Math.min(size - 1, Math.ceil(Math.max(x0, x1) + pad));
  const ya = Math.max(0, Math.floor(Math.min(y0, y1) - pad)), yb = Math.min(size - 1, Math.ceil(Math.max(y0, y1) + pad));
  const dx = x1 - x0, dy = y1 - y0;
  const len2 = dx * dx + dy * dy;
  for (let y = ya; y <= yb; y++) {
    const py = y + 0.5 - y0;
    for (let x = xa; x <= xb; x++) {
      const px = x + 0.5 - x0;
      let t = len2 > 0 ? (px * dx + py * dy) / len2 : 0;
      t = t < 0 ? 0 : t > 1 ? 1 : t;
      const ex = px - t * dx, ey = py - t * dy;
      const cov = r + 0.5 - Math.sqrt(ex * ex + ey * ey);
      if (cov > 0) {
        const i = y * size + x;
        const v = cov > 1 ? 1 : cov;
        if (v > acc[i]) acc[i] = v;
      }
    }
  }
}

function drawExample(cls: GlyphClass, rng: Rng, size: number, acc: Float32Array, out: Uint8Array, offset: number): void {
  acc.fill(0);
  const half = size * 0.36;
  const rot = uniform(rng, -10, 10) * (Math.PI / 180);
  const scale = half * uniform(rng, 0.92, 1.08);
  const shear = uniform(rng, -0.12, 0.12);
  const tx = size / 2 + uniform(rng, -2, 2), ty = size / 2 + uniform(rng, -2, 2);
  const cos = Math.cos(rot) * scale, sin = Math.sin(rot) * scale;
  const width = cls.baseWidth * uniform(rng, 0.85, 1.15) * (size / 28);
  const jitter = 0.05;
  for (const s of cls.strokes) {
    const r = (width * s.width) / 2;
    // Jitter the stroke's two ends independently and blend the offsets along it, so curves stay smooth.
    const n = s.points.length / 2;
    const jx0 = rng.normal() * jitter, jy0 = rng.normal() * jitter, jx1 = rng.normal() * jitter, jy1 = rng.normal() * jitter;
    let prevX = 0, prevY = 0;
    for (let i = 0; i < n; i++) {
      const t = n > 1 ? i / (n - 1) : 0;
      const ux = s.points[2 * i] + jx0 + (jx1 - jx0) * t;
      const uy = s.points[2 * i + 1] + jy0 + (jy1 - jy0) * t;
      const sx = ux + shear * uy;
      const X = tx + cos * sx - sin * uy, Y = ty + sin * sx + cos * uy;
      if (n === 1) drawSegment(acc, size, X, Y, X, Y, r);
      else if (i > 0) drawSegment(acc, size, prevX, prevY, X, Y, r);
      prevX = X; prevY = Y;
    }
  }
  for (let i = 0; i < size * size; i++) out[offset + i] = Math.round(acc[i] * 255);
}

export function syntheticGlyphs({ seed, classes, perClass, size = 28 }: SyntheticOptions): ImageDataset {
  for (const [k, v] of Object.entries({ classes, perClass, size })) {
    if (!Number.isInteger(v) || v < (k === 'size' ? 4 : 0)) throw new Error(`syntheticGlyphs: bad ${k} ${v}`);
  }
  const px = size * size;
  const images = new Uint8Array(classes * perClass * px);
  const acc = new Float32Array(px);
  const infos: ClassInfo[] = [];
  for (let c = 0; c < classes; c++) {
    const cls = makeClass(seed, c);
    for (let e = 0; e < perClass; e++) {
      drawExample(cls, createRng(deriveSeed(seed, 'synthetic-example', c, e)), size, acc, images, (c * perClass + e) * px);
    }
    infos.push({ id: c, name: `glyph${String(c).padStart(4, '0')}`, origin: 'synthetic', sourceLabel: c, start: c * perClass, count: perClass });
  }
  return { name: 'synthetic', width: size, height: size, images, classes: infos };
}
