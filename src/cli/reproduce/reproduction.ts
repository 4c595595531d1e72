import type { ClaimRow } from './claims';
import type { Figure } from './figure';
import type { Study } from './plan';
import type { CheckpointPrerequisite } from './prerequisites';
import type { Results } from './results';

/** How far a reproduction scales its paper down: `full` (hours, resumable), `quick` (< 30 min on 2 cores), `tiny` (a smoke test). */
export type ScaleName = 'full' | 'quick' | 'tiny';

export interface Scale {
  name: ScaleName;
  seeds: number;
  /** Every departure from the paper at this scale, for the results page. */
  notes: string[];
}

/** One paper's experiments: what to run, which figures to draw and which of its numbers to check. */
export interface Reproduction<S extends Scale = Scale> {
  /** Heading of its section in docs/results.md. */
  title: string;
  /** What the reader must know to read its numbers (the metric, what chance is). */
  about: string;
  scale(name: ScaleName): S;
  studies(s: S): Study[];
  /** Checkpoints its runs start from that the repository does not hold: made before the runs when missing. */
  checkpoints?(s: S): CheckpointPrerequisite[];
  figures(r: Results, s: S): Record<string, Figure>;
  claims(r: Results, s: S): ClaimRow[];
}
