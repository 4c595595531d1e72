/**
 * Mean and standard deviation per evaluation point over seeds (`--seeds N`): every numeric
 * metric of the points that share a series and a round.
 */
export interface Stat {
  mean: number;
  /** Sample standard deviation (n − 1); 0 for a single seed. */
  sd: number;
  n: number;
}

export function stat(values: readonly number[]): Stat {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  const sd = n > 1 ? Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1)) : 0;
  return { mean, sd, n };
}

/** The metrics averaged over seeds (counts, ids and timings are not). */
const SKIP = new Set(['round', 'seed', 'elapsedMs', 'stepNorm', 'metaTestEpisodes', 'mainTaskEpisodes', 'testExamples']);

export type SeedPoint = { series: string; seed: number; round: number; phase: string } & Record<string, unknown>;

export function summarize(points: readonly SeedPoint[]): Record<string, unknown>[] {
  const groups = new Map<string, SeedPoint[]>();
  for (const p of points) {
    const k = `${p.series}|${p.round}`;
    (groups.get(k) ?? groups.set(k, []).get(k)!).push(p);
  }
  const order = [...groups.values()].sort((a, b) => a[0].series.localeCompare(b[0].series) || a[0].round - b[0].round);
  return order.map((ps) => {
    const out: Record<string, unknown> = { phase: 'summary', series: ps[0].series, round: ps[0].round, seeds: ps.map((p) => p.seed) };
    const keys = new Set(ps.flatMap((p) => Object.keys(p).filter((k) => !SKIP.has(k) && typeof p[k] === 'number')));
    for (const k of keys) {
      const vs = ps.map((p) => p[k]).filter((v): v is number => typeof v === 'number');
      if (vs.length === ps.length) out[k] = stat(vs);
    }
    return out;
  });
}
