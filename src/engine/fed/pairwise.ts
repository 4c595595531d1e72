import type { Vec } from '../model/vec';

/**
 * Squared Euclidean distances between every pair of vectors: d[i][j] = ‖v_i − v_j‖₂², symmetric
 * with a zero diagonal. Accumulated in float64 so that the result does not depend on which of the
 * two vectors comes first. Used by Krum and by the server's distance-outlier detector.
 */
export function pairwiseSquaredDistances(vs: readonly Vec[]): number[][] {
  const n = vs.length;
  const d = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) {
      const a = vs[i], b = vs[j];
      if (a.length !== b.length) throw new Error(`vector lengths differ: ${a.length} vs ${b.length}`);
      let s = 0;
      for (let k = 0; k < a.length; k++) { const x = a[k] - b[k]; s += x * x; }
      d[i][j] = d[j][i] = s;
    }
  }
  return d;
}

/** Median of a list of numbers (mean of the two middle values for an even count); NaN when empty. */
export function median(xs: readonly number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
