import type { ExperimentConfig } from '../config/schema';
import { add, norm } from '../model/vec';
import type { ClientUpdate } from './client';
import type { ServerValidation } from './detectors/types';
import { pairwiseSquaredDistances } from './pairwise';

/**
 * How well malicious updates hide among benign ones, measured the way Bhagoji et al. (section
 * 3.3, Figs. 3–4) do: the validation accuracy of θ_G + δ_i for every update (accuracy checking),
 * each update's weight distribution, and the spread (min, max) of pairwise L2 distances among
 * benign updates and between the malicious and the benign ones. For analysis only: the server's
 * aggregation does not use it (defenses live in detectors/).
 */
export interface UpdateStealth {
  clientId: number;
  malicious: boolean;
  norm: number;
  /** Validation accuracy of θ_G + δ_i (null unless eval.stealth.accuracy). */
  valAccuracy: number | null;
  /** Counts of δ_i's coordinates in `bins` equal bins over [−range, range]. */
  histogram: number[];
}

export interface Spread { min: number; max: number }

export interface StealthReport {
  /** Half-width of the histograms' common range: the largest |δ_i| coordinate of the round. */
  range: number;
  /** Validation accuracy of θ_G itself on the same episodes (null unless the accuracy check runs). */
  globalValAccuracy: number | null;
  updates: UpdateStealth[];
  /** Pairwise L2 distances among benign updates (null with fewer than 2). */
  benign: Spread | null;
  /** L2 distances between each malicious update and each benign one (null without both). */
  malicious: Spread | null;
}

export function histogram(v: Float32Array, range: number, bins: number): number[] {
  const counts = new Array<number>(bins).fill(0);
  if (range <= 0) { counts[Math.floor(bins / 2)] = v.length; return counts; }
  for (let i = 0; i < v.length; i++) {
    const b = Math.floor(((v[i] + range) / (2 * range)) * bins);
    counts[b < 0 ? 0 : b >= bins ? bins - 1 : b]++;
  }
  return counts;
}

const spread = (xs: number[]): Spread | null => (xs.length ? { min: Math.min(...xs), max: Math.max(...xs) } : null);

export async function measureStealth(
  config: ExperimentConfig, global: Float32Array, updates: readonly ClientUpdate[], malicious: readonly number[], server?: ServerValidation,
): Promise<StealthReport> {
  const s = config.eval.stealth;
  let range = 0;
  for (const u of updates) for (let i = 0; i < u.delta.length; i++) range = Math.max(range, Math.abs(u.delta[i]));
  const check = s.accuracy && server;
  const o = { episodes: s.episodes, steps: s.steps };
  const rows: UpdateStealth[] = [];
  for (const u of updates) {
    rows.push({
      clientId: u.clientId,
      malicious: malicious.includes(u.clientId),
      norm: norm(u.delta),
      valAccuracy: check ? await server.accuracy(add(global, u.delta), o) : null,
      histogram: histogram(u.delta, range, s.bins),
    });
  }
  const d = pairwiseSquaredDistances(updates.map((u) => u.delta)).map((r) => r.map(Math.sqrt));
  const among: number[] = [], across: number[] = [];
  for (let i = 0; i < rows.length; i++) {
    for (let j = i + 1; j < rows.length; j++) {
      if (!rows[i].malicious && !rows[j].malicious) among.push(d[i][j]);
      else if (rows[i].malicious !== rows[j].malicious) across.push(d[i][j]);
    }
  }
  return {
    range,
    globalValAccuracy: check ? await server.accuracy(global, o) : null,
    updates: rows,
    benign: spread(among),
    malicious: spread(across),
  };
}
