import type { ExperimentConfig } from '../../engine/config/schema';
import { benignTwin } from '../../engine/config/twin';

/** The runs of a study: the attacked config and, paired, its benign twin (same seed, honest attacker). */
export type SeriesName = 'attacked' | 'twin';

/** One experiment of a reproduction: a config run over several seeds, with or without its twin. */
export interface Study {
  id: string;
  title: string;
  config: ExperimentConfig;
  series: readonly SeriesName[];
}

/** One run: a study's series at one seed. Its JSON lines go to `file`. */
export interface Job {
  study: string;
  series: SeriesName;
  seed: number;
  config: ExperimentConfig;
  file: string;
}

export const jobFile = (study: string, series: SeriesName, seed: number): string => `${study}/${series}-seed${seed}.jsonl`;

/** Every (study, series, seed) run, seeds seed₀ … seed₀ + n − 1 of each study's config. */
export function expandJobs(studies: readonly Study[], seeds: number): Job[] {
  return studies.flatMap((s) => Array.from({ length: seeds }, (_, i) => s.config.seed + i).flatMap((seed) =>
    s.series.map((series): Job => {
      const base = series === 'twin' ? benignTwin(s.config) : s.config;
      if (!base) throw new Error(`study ${s.id}: a benign twin needs an attack`);
      return { study: s.id, series, seed, config: { ...base, seed }, file: jobFile(s.id, series, seed) };
    })));
}
