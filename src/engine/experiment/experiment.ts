import type { ExperimentConfig } from '../config/schema';
import { ConfigError } from '../config/parse';
import { channelsOf, type ImageDataset } from '../data/types';
import { learnerFor } from '../learners/registry';
import type { Setup } from '../learners/types';
import type { ModelShape } from '../model/kind';
import { initModelValues, modelSpec } from '../model/registry';
import { checkCompatible, type Checkpoint } from '../model/checkpoint';
import { deriveSeed } from '../rng';

export const modelShape = (c: ExperimentConfig, channels = 1): ModelShape => ({
  kind: c.model.kind,
  filters: c.model.filters,
  imageSize: c.model.imageSize,
  channels,
  ways: c.task.ways,
});

/**
 * Everything a run fixes from its config and dataset before round 1 (restart-only): the mode's
 * data split, the attack's backdoor split, the parameter layout and the initial global model.
 * Dataset-dependent limits are reported against the config field that breaks them.
 */
export function setupExperiment(config: ExperimentConfig, ds: ImageDataset, checkpoint?: Checkpoint): Setup {
  if (ds.width !== config.model.imageSize || ds.height !== config.model.imageSize)
    throw new ConfigError([{ field: 'model.imageSize', message: `the ${ds.name} dataset has ${ds.width}×${ds.height} images; set ${ds.width}` }]);
  const learner = learnerFor(config);
  const split = learner.split(config, ds);
  const backdoor = config.attack.kind === 'none' ? null : learner.backdoorSplit(config, config.attack, split);
  const model = modelShape(config, channelsOf(ds));
  const spec = modelSpec(model);
  let initial: Float32Array;
  if (checkpoint) {
    checkCompatible(checkpoint, model);
    initial = checkpoint.weights.slice();
  } else {
    const values = initModelValues(model, deriveSeed(config.seed, 'init'));
    initial = new Float32Array(values.reduce((n, v) => n + v.length, 0));
    values.reduce((off, v) => { initial.set(v, off); return off + v.length; }, 0);
  }
  return { model, spec, split, initial, backdoor };
}
