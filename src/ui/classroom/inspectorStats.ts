import { pairwiseSquaredDistances } from '../../engine/fed/pairwise';
import { norm } from '../../engine/model/vec';
import type { SeenUpdate } from './classroomStore';

export interface RoundInspection {
  round: number;
  seats: number[];
  norms: number[];
  /** ‖δ_i − δ_j‖₂ between every pair, in `seats` order. */
  distances: number[][];
  /** Histogram of each update's values over one shared range [−limit, limit]. */
  histograms: number[][];
  limit: number;
}

export const BINS = 21;

/**
 * What the update inspector shows for one round, computed from the updates that reached the
 * aggregation: each seat's norm, the pairwise distances and the value histograms on a common
 * axis, so an update that is bigger or points elsewhere than the rest stands out.
 */
export function inspectRound(updates: readonly SeenUpdate[], round: number): RoundInspection | null {
  const mine = updates.filter((u) => u.round === round).sort((a, b) => a.seat - b.seat);
  if (mine.length === 0) return null;
  let limit = 0;
  for (const u of mine) for (const v of u.delta) limit = Math.max(limit, Math.abs(v));
  limit ||= 1;
  const histograms = mine.map((u) => {
    const h = new Array<number>(BINS).fill(0);
    for (const v of u.delta) h[Math.min(BINS - 1, Math.floor(((v + limit) / (2 * limit)) * BINS))]++;
    return h;
  });
  return {
    round,
    seats: mine.map((u) => u.seat),
    norms: mine.map((u) => norm(u.delta)),
    distances: pairwiseSquaredDistances(mine.map((u) => u.delta)).map((row) => row.map(Math.sqrt)),
    histograms,
    limit,
  };
}
