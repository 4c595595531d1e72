import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/schema';
import type { ImageDataset } from '../data/types';
import { unpackParams } from '../model/params';
import { benignEpisodes, innerAdam, metaTrain } from '../learners/reptile/reptile';
import { createRng, deriveSeed } from '../rng';
import type { Setup } from '../learners/types';
import { mixWithFreshInit } from './randomMix';
import { createFineTuner } from './registry';
import { benignUsers, experimentFineTuneTasks } from './attackProbes';
import { checkpoints, type FineTuneMetric, type FineTuneTasks } from './types';

/** One point of a benign user's fine-tuning curve, averaged over its episodes. */
export type FineTunePoint = {
  phase: 'fine-tune';
  kind: 'supervised' | 'matching';
  /** The federated round θ_G comes from. */
  round: number;
  user: number;
  iteration: number;
  /** Episodes averaged (each metric over the episodes that measure it). */
  episodes: number;
  elapsedMs: number;
} & Partial<Record<FineTuneMetric, number>>;

export interface FineTuneOptions {
  setup: Setup;
  config: ExperimentConfig;
  ds: ImageDataset;
  /** θ_G after federated training (and the attack). */
  global: Float32Array;
  round: number;
  /** The users who fine-tune (default: every user but the attacker). */
  users?: number[];
  /** Episodes and probes (default: main-task episodes with the attack's targets and probes, and meta-testing episodes). */
  tasks?: FineTuneTasks;
}

export interface FineTuneHooks {
  onPoint?(p: FineTunePoint): void;
  /** Checked between episodes; true stops the phase. */
  shouldStop?(): boolean;
}

/**
 * The post-training phase of Chen et al. sections 4–5 and appendix A.3/A.4: every benign user
 * (optionally after extra local Reptile on its own data) fine-tunes θ' = δθ_G + (1 − δ)θ_g on
 * each of its episodes — supervised or as a matching network — and reports, per checkpoint
 * iteration, main-task accuracy, meta-testing accuracy and attack success averaged over the
 * episodes. A user's episodes depend only on the seed and the user, so supervised and matching
 * fine-tuning are compared on identical tasks.
 */
export async function runFineTunePhase(o: FineTuneOptions, hooks: FineTuneHooks = {}): Promise<void> {
  const { config, setup } = o;
  const c = config.defense.fineTune;
  const tuner = createFineTuner(c, { model: setup.model, reptile: config.reptile });
  if (!tuner || c.kind === 'none') return;
  const start = Date.now();
  const tasks = o.tasks ?? experimentFineTuneTasks(setup, o.ds, config);
  const marks = checkpoints(c.iterations, c.every);
  for (const user of o.users ?? benignUsers(config, setup.split.users.length)) {
    let theta = unpackParams(setup.spec, o.global).map((p) => p.tensor);
    if (c.localMetaEpisodes > 0) {
      // appendix A.4: extra benign local meta-training on the user's own classes first
      const adam = innerAdam(config.reptile);
      const source = benignEpisodes(o.ds, setup.split.users[user], config.task.ways, config.task.trainShots);
      const local = metaTrain(theta, source, config.reptile, c.localMetaEpisodes, adam, createRng(deriveSeed(config.seed, 'fine-tune-local', user)));
      tf.dispose(theta);
      adam.dispose();
      theta = local;
    }
    const sums = marks.map(() => new Map<FineTuneMetric, { sum: number; n: number }>());
    const episodeRng = createRng(deriveSeed(config.seed, 'fine-tune-episodes', user));
    let done = 0;
    for (let e = 0; e < c.episodes && !hooks.shouldStop?.(); e++) {
      const drawn = tasks.draw(user, episodeRng);
      for (const [k, ep] of drawn.entries()) {
        const from = mixWithFreshInit(theta, setup.model, c.delta, deriveSeed(config.seed, 'fine-tune-init', user, e, k));
        try {
          await tuner.run(from, ep.support, async (iteration, classify) => {
            const acc = sums[marks.indexOf(iteration)];
            for (const p of ep.probes) {
              const s = acc.get(p.metric) ?? { sum: 0, n: 0 };
              s.sum += await p.score(classify);
              s.n += 1;
              acc.set(p.metric, s);
            }
          }, createRng(deriveSeed(config.seed, 'fine-tune-train', user, e, k)));
        } finally {
          tf.dispose(from);
        }
      }
      done++;
    }
    tf.dispose(theta);
    marks.forEach((iteration, i) => {
      const metrics: Partial<Record<FineTuneMetric, number>> = {};
      for (const [m, s] of sums[i]) metrics[m] = s.sum / s.n;
      hooks.onPoint?.({ phase: 'fine-tune', kind: c.kind, round: o.round, user, iteration, episodes: done, elapsedMs: Date.now() - start, ...metrics });
    });
  }
}
