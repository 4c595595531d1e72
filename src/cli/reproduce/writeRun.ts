import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { jobFile, type SeriesName } from './plan';

/** Writes one run's JSON lines where a reproduction's report reads them: the tests' hand-written runs. */
export function writeRun(dir: string, study: string, series: SeriesName, seed: number, lines: readonly object[]): void {
  const path = join(dir, jobFile(study, series, seed));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
}
