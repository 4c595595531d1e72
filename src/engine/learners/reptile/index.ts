import type { ExperimentConfig } from '../../config/schema';
import type { ImageDataset } from '../../data/types';
import { deriveSeed } from '../../rng';
import { metaTrainPool } from '../../tasks/classSplit';
import { modeMetrics } from '../metrics';
import type { Learner, LocalTrainer } from '../types';
import { backdoorSuccess } from './backdoorSuccess';
import { fewShotAccuracy } from './fewShot';
import { alternateSources, poisonedEpisodes } from './poisonedEpisodes';
import { benignEpisodes, innerAdam, metaTrain, stepsPerEpoch } from './reptile';
import { metaBackdoorSplit, metaSplit } from './split';

/** A benign user's Reptile: its Adam state persists across episodes and rounds, as in Reptile's reference code. */
function reptileTrainer(config: ExperimentConfig, ds: ImageDataset): LocalTrainer {
  let c = config;
  let adam = innerAdam(c.reptile);
  return {
    train(theta, pool, rng) {
      return metaTrain(theta, benignEpisodes(ds, pool, c.task.ways, c.task.trainShots), c.reptile, c.reptile.episodesPerRound, adam, rng);
    },
    configure(next) {
      // A changed optimiser setting restarts the Adam state.
      if (JSON.stringify(next.reptile) !== JSON.stringify(c.reptile)) {
        adam.dispose();
        adam = innerAdam(next.reptile);
      }
      c = next;
    },
    snapshot: () => adam.exportState(),
    restore(s, shapes) {
      if (s) adam.importState(s, shapes);
    },
    dispose: () => adam.dispose(),
  };
}

/** Federated Reptile meta-learning (Chen et al. 2020): mode 'meta'. */
export const reptileLearner: Learner = {
  mode: 'meta',
  metrics: modeMetrics.meta,
  split: metaSplit,
  backdoorSplit: metaBackdoorSplit,
  localTrainer: reptileTrainer,
  benignSource: (ds, pool, c) => benignEpisodes(ds, pool, c.task.ways, c.task.trainShots),
  poisonedSource: (ds, pool, bd, a, c) => poisonedEpisodes(ds, pool, bd, a, { ways: c.task.ways, shots: c.task.trainShots, mix: a.mix, targetLabel: a.targetLabel }),
  combinedSource: alternateSources,
  backdoorSource: (_clean, poisoned) => poisoned,
  minTrainLength: (c) => c.reptile.metaBatch,
  train(w, source, length, c, rng, o = {}) {
    const steps = o.innerEpochs === undefined ? c.reptile.innerSteps : o.innerEpochs * stepsPerEpoch(c.task.ways * c.task.trainShots, c.reptile.innerBatch);
    const r = { ...c.reptile, innerSteps: steps, outerLr: o.outerLr ?? c.reptile.outerLr };
    const adam = o.slot ? o.slot.take(() => innerAdam(r)) : innerAdam(r);
    const out = metaTrain(w, source, r, Math.max(length, 1), adam, rng, o.penalty);
    if (!o.slot) adam.dispose();
    return out;
  },
  async evaluate(theta, ds, setup, c) {
    const { split, backdoor } = setup;
    const base = { ways: c.task.ways, shots: c.task.testShots, steps: c.eval.steps, episodes: c.eval.episodes };
    const metaTest = await fewShotAccuracy(theta, ds, split.metaTest, { ...base, querySource: 'train', seed: deriveSeed(c.seed, 'eval', 'meta-test') }, c.reptile);
    const mainTask = c.eval.mainTask
      ? await fewShotAccuracy(theta, ds, metaTrainPool(split), { ...base, querySource: 'val', seed: deriveSeed(c.seed, 'eval', 'main-task') }, c.reptile)
      : null;
    const attack = backdoor && c.attack.kind !== 'none'
      ? await backdoorSuccess(theta, ds, c, c.attack, split, backdoor, { episodes: c.eval.episodes, steps: c.eval.steps, seed: deriveSeed(c.seed, 'eval', 'backdoor') })
      : null;
    return {
      metrics: {
        metaTestAccuracy: metaTest.accuracy,
        metaTestEpisodes: metaTest.episodes,
        mainTaskAccuracy: mainTask?.accuracy ?? null,
        mainTaskEpisodes: mainTask?.episodes ?? 0,
      },
      attack,
    };
  },
  async validationAccuracy(theta, ds, setup, c, o) {
    // Few-shot episodes over the meta-training classes, queries from their validation examples,
    // seeded apart from the evaluation's episodes and the same on every call.
    return (await fewShotAccuracy(theta, ds, metaTrainPool(setup.split), {
      ways: c.task.ways, shots: c.task.testShots, steps: o.steps, episodes: o.episodes,
      querySource: 'val', seed: deriveSeed(c.seed, 'server-validation'),
    }, c.reptile)).accuracy;
  },
};
