/**
 * Flat parameter vectors: the form in which weights travel between workers and are aggregated.
 * Plain Float32Array maths, deterministic on every backend (no tfjs involved).
 */
export type Vec = Float32Array;

export function add(a: Vec, b: Vec): Vec {
  check(a, b);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + b[i];
  return out;
}

export function sub(a: Vec, b: Vec): Vec {
  check(a, b);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] - b[i];
  return out;
}

export function scale(a: Vec, s: number): Vec {
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] * s;
  return out;
}

/** a + t·(b − a): t = 0 gives a, t = 1 gives b. */
export function lerp(a: Vec, b: Vec, t: number): Vec {
  check(a, b);
  const out = new Float32Array(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + t * (b[i] - a[i]);
  return out;
}

/** Σ w_i·v_i (weights are used as given; normalise them first for a mean). */
export function weightedSum(vs: readonly Vec[], ws: readonly number[]): Vec {
  if (vs.length === 0) throw new Error('weightedSum of no vectors');
  if (vs.length !== ws.length) throw new Error(`${vs.length} vectors but ${ws.length} weights`);
  const out = new Float64Array(vs[0].length);
  vs.forEach((v, k) => {
    check(vs[0], v);
    const w = ws[k];
    for (let i = 0; i < v.length; i++) out[i] += w * v[i];
  });
  return Float32Array.from(out);
}

export function mean(vs: readonly Vec[]): Vec {
  return weightedSum(vs, vs.map(() => 1 / vs.length));
}

export function dot(a: Vec, b: Vec): number {
  check(a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) s += a[i] * b[i];
  return s;
}

export const norm = (a: Vec): number => Math.sqrt(dot(a, a));

export function distance(a: Vec, b: Vec): number {
  check(a, b);
  let s = 0;
  for (let i = 0; i < a.length; i++) { const d = a[i] - b[i]; s += d * d; }
  return Math.sqrt(s);
}

function check(a: Vec, b: Vec): void {
  if (a.length !== b.length) throw new Error(`vector lengths differ: ${a.length} vs ${b.length}`);
}
