import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { ExperimentConfig } from '../../engine/config/schema';
import { encodeCheckpoint } from '../../engine/model/checkpoint';
import { formatDuration } from '../format';
import { runJob } from '../runJob';

/** A checkpoint a reproduction's runs start from, and the benign run that makes it. */
export interface CheckpointPrerequisite {
  path: string;
  /** What makes it, for the log (e.g. `npm run sim -- PRESET --checkpoint PATH`). */
  command: string;
  config: ExperimentConfig;
}

/** The evaluation point's accuracies for the log line (its stealth record is kilobytes of histograms). */
const accuracies = (point: Record<string, unknown>) => Object.entries(point)
  .filter(([k, v]) => typeof v === 'number' && /Accuracy$/.test(k)).map(([k, v]) => `${k} ${(100 * (v as number)).toFixed(1)}%`).join(', ');

/**
 * Makes each missing checkpoint by running its config in this thread, before any job needs it;
 * the header carries the config and the last evaluation point, as `npm run sim --checkpoint` writes.
 * Written `.tmp` then renamed, so an interrupted run leaves no half file for the jobs to read.
 */
export async function makeMissingCheckpoints(list: readonly CheckpointPrerequisite[], backend: string, log: (s: string) => void): Promise<number> {
  let made = 0;
  for (const p of list) {
    if (existsSync(p.path)) continue;
    log(`making ${p.path} (${p.command})`);
    const started = Date.now();
    let global: Float32Array | null = null, round = 0;
    let evaluation: Record<string, unknown> | null = null;
    const setup = await runJob(p.config, backend, (e) => {
      if (e.type === 'round') { global = e.global; round = e.report.round; }
      else if (e.type === 'point') evaluation = { ...e.point };
    });
    if (!global) throw new Error(`${p.path}: its run ended before any round`);
    mkdirSync(dirname(p.path), { recursive: true });
    writeFileSync(`${p.path}.tmp`, encodeCheckpoint(setup.model, setup.spec, global, { config: p.config, round, ...(evaluation ? { evaluation } : {}) }));
    renameSync(`${p.path}.tmp`, p.path);
    log(`made ${p.path} in ${formatDuration(Date.now() - started)}${evaluation ? ` (${accuracies(evaluation)})` : ''}`);
    made++;
  }
  return made;
}
