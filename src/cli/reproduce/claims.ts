import type { Stat } from '../summary';

/** One number the paper states, next to ours (mean ± sd over seeds) and the benign twin's. */
export interface ClaimRow {
  figure: string;
  what: string;
  paper: string;
  ours: Stat | null;
  /** The benign twin's value of the same number; null where the claim has none (or its twin did not run). */
  twin: Stat | null;
  verdict: string;
}

/** Tolerance for a stated value: ±10 points, as the issue that asked for this table set it. */
export const TOLERANCE = 0.1;

const pct = (v: number) => `${(100 * v).toFixed(1)}`;
export const fmt = (s: Stat | null): string => (s == null ? 'not run' : s.n > 1 ? `${pct(s.mean)} ± ${pct(s.sd)}%` : `${pct(s.mean)}%`);
/** A value the paper states, as it states it (0.78 → "78%"). */
export const statedPct = (x: number): string => `${Math.round(x * 100)}%`;
/** A mean as verdicts quote it beside another number ("93.6%"), '–' where it did not run. */
export const meanPct = (s: Stat | null): string => (s ? `${pct(s.mean)}%` : '–');

/** A stated value: within ±10 points or not. */
export function near(ours: Stat | null, paper: number): string {
  if (!ours) return 'not run';
  const d = ours.mean - paper;
  return Math.abs(d) <= TOLERANCE ? 'within ±10 points' : `off by ${d > 0 ? '+' : ''}${pct(d)} points`;
}

/** A stated bound ("> 99%"): met, within tolerance of it, or not. */
export function atLeast(ours: Stat | null, bound: number): string {
  if (!ours) return 'not run';
  return ours.mean > bound ? 'met' : ours.mean >= bound - TOLERANCE ? 'within ±10 points of the bound' : `not met (${pct(ours.mean - bound)} points)`;
}

export function atMost(ours: Stat | null, bound: number): string {
  if (!ours) return 'not run';
  return ours.mean < bound ? 'met' : ours.mean <= bound + TOLERANCE ? 'within ±10 points of the bound' : `not met (+${pct(ours.mean - bound)} points)`;
}

/**
 * A verdict on an attack's success read against its benign twin: when the twin gets at least half
 * as far without any attack, the number is not (only) the attack's doing, and the verdict says so.
 */
export function againstTwin(verdict: string, ours: Stat | null, twin: Stat | null): string {
  if (!ours || !twin || ours.mean <= 0 || twin.mean < ours.mean / 2) return verdict;
  return `${verdict}; but the benign twin reaches ${pct(twin.mean)}% without any attack`;
}

/** A qualitative ordering the paper states (a below b, say): holds or not, on the means. */
export function ordering(holds: boolean | null, what: string): string {
  return holds == null ? 'not run' : holds ? `holds (${what})` : `does not hold (${what})`;
}

/** Ours more than 10 points above the benign twin's (a backdoor planted, or kept), with the gap. */
export const aboveTwin = (ours: Stat | null, twin: Stat | null): string =>
  ordering(ours && twin ? ours.mean > twin.mean + TOLERANCE : null, `${ours && twin ? pct(ours.mean - twin.mean) : '–'} points above the twin`);

/** The markdown table of claims. */
export function claimsTable(rows: readonly ClaimRow[]): string {
  const esc = (s: string) => s.replace(/\|/g, '\\|');
  return [
    '| Figure | What | Paper | Ours (mean ± sd) | Benign twin | Verdict |',
    '|---|---|---|---|---|---|',
    ...rows.map((r) => `| ${esc(r.figure)} | ${esc(r.what)} | ${esc(r.paper)} | ${fmt(r.ours)} | ${r.twin ? fmt(r.twin) : '—'} | ${esc(r.verdict)} |`),
  ].join('\n');
}
