import { ConfigError } from '../../config/parse';
import type { ExperimentConfig } from '../../config/schema';
import { part } from '../../data/backdoorSplit';
import type { ClassRef } from '../../data/classRef';
import type { ImageDataset } from '../../data/types';
import type { TaskSplit } from '../../tasks/classSplit';
import { modeMetrics } from '../metrics';
import type { EpisodeSource, Learner } from '../types';
import { supervisedBackdoor, testAccuracy } from './evaluate';
import { poisonedBatches } from './poisonedBatches';
import { labelCount, supervisedSplit } from './split';
import { concatSources, labelledItems, localTrain, minibatchSource, stepsPerRound } from './trainer';

const examples = (refs: readonly ClassRef[]): number => refs.reduce((n, r) => n + r.train.length, 0);
const minibatches = (ds: ImageDataset, pool: readonly ClassRef[], c: ExperimentConfig): EpisodeSource =>
  minibatchSource(ds, labelledItems(ds, pool), c.supervised.batch);

function split(c: ExperimentConfig, ds: ImageDataset): TaskSplit {
  if (c.task.ways !== labelCount(ds))
    throw new ConfigError([{ field: 'task.ways', message: `must be ${labelCount(ds)} in supervised mode: one output per label of ${ds.name}` }]);
  try {
    return supervisedSplit(c, ds);
  } catch (e) {
    throw new ConfigError([{ field: 'supervised.userExamples', message: (e as Error).message }]);
  }
}

/**
 * Supervised federated learning, FedAvg (McMahan et al.), the setting of Bhagoji et al. and Zhou
 * et al.: mode 'supervised'. A benign user runs `epochs` passes of a fresh optimiser over its
 * i.i.d. shard each round; θ_G is scored by plain test accuracy.
 */
export const fedAvgLearner: Learner = {
  mode: 'supervised',
  metrics: modeMetrics.supervised,
  split,
  // Reserved test examples (split.ts): X_T, then per source label X_B and held-out ones.
  backdoorSplit: (_c, a, s) => ({
    targets: [], backdoors: [], targetOwner: [], backdoorOwner: [],
    attackerTargets: s.reserved.target,
    attackerBackdoors: s.reserved.backdoor.map((r) => part(r, 0, a.poisonedPerClass)),
    heldOut: s.reserved.backdoor.map((r) => part(r, a.poisonedPerClass, r.train.length)),
    targetOf: s.reserved.backdoor.map(() => 0),
  }),
  localTrainer(config, ds) {
    let c = config;
    return {
      train: (theta, pool, rng) => localTrain(theta, minibatches(ds, pool, c), stepsPerRound(c.supervised, examples(pool)), c.supervised, rng),
      configure: (next) => { c = next; },
      // A fresh optimiser every round: nothing to carry.
      snapshot: async () => null,
      restore: () => undefined,
      dispose: () => undefined,
    };
  },
  benignSource: minibatches,
  poisonedSource(ds, pool, bd, a, c) {
    const s = c.supervised;
    const size = Math.max(1, Math.min(s.batch, examples([...bd.attackerBackdoors, ...bd.attackerTargets])));
    // Clean examples of weight 0 fill the batch, so batch norm never sees one class alone.
    const pad = s.batch - size >= 2 ? { source: minibatchSource(ds, labelledItems(ds, pool), s.batch - size), size: s.batch - size } : undefined;
    return poisonedBatches(ds, bd, a, s.attackTarget, size, pad);
  },
  combinedSource: concatSources,
  backdoorSource: concatSources,
  minTrainLength: () => 1,
  train: (w, source, length, c, rng, o = {}) => localTrain(w, source, Math.max(length, 1), c.supervised, rng, o.penalty, o.slot),
  async evaluate(theta, ds, setup, c) {
    const { split: s, backdoor } = setup;
    return {
      metrics: { testAccuracy: await testAccuracy(theta, ds, s.metaTest, c.task.ways), testExamples: examples(s.metaTest) },
      attack: backdoor && c.attack.kind !== 'none' ? await supervisedBackdoor(theta, ds, c, c.attack, s.metaTest, backdoor) : null,
    };
  },
  // Plain accuracy on 20 × episodes examples of the test set.
  validationAccuracy: (theta, ds, setup, c, o) => testAccuracy(theta, ds, setup.split.metaTest, c.task.ways, 20 * o.episodes),
};
