import type { ExperimentConfig } from '../config/schema';
import { ConfigError } from '../config/parse';
import type { ImageDataset } from '../data/types';
import { conv4Spec, initConv4, type Conv4Shape } from '../model/conv4';
import { checkCompatible, type Checkpoint } from '../model/checkpoint';
import { packParams, disposeParams, type ParamSpec } from '../model/params';
import { deriveSeed } from '../rng';
import { splitClasses, type TaskSplit } from '../tasks/classSplit';
import { backdoorSplit, type BackdoorSplit } from '../attacks/backdoorData';
import { labelCount, supervisedSplit } from '../learners/fedavg/split';

export interface Experiment {
  config: ExperimentConfig;
  model: Conv4Shape;
  spec: ParamSpec[];
  split: TaskSplit;
  /** θ_G at round 0. */
  initial: Float32Array;
  /** Who holds which examples of the reserved classes when the config has an attack. */
  backdoor?: BackdoorSplit | null;
}

export const modelShape = (c: ExperimentConfig, channels = 1): Conv4Shape => ({
  filters: c.model.filters,
  imageSize: c.model.imageSize,
  channels,
  ways: c.task.ways,
});

/**
 * Everything a run derives from its config and dataset before round 1: the class split,
 * the parameter layout and the initial global model. Dataset-dependent limits are checked here
 * and reported against the config field that breaks them.
 */
export function setupExperiment(config: ExperimentConfig, ds: ImageDataset, checkpoint?: Checkpoint): Experiment {
  if (ds.width !== config.model.imageSize || ds.height !== config.model.imageSize)
    throw new ConfigError([{ field: 'model.imageSize', message: `the ${ds.name} dataset has ${ds.width}×${ds.height} images; set ${ds.width}` }]);
  const d = config.dataset;
  let split: TaskSplit;
  try {
    if (config.mode === 'supervised') {
      if (config.task.ways !== labelCount(ds))
        throw new ConfigError([{ field: 'task.ways', message: `must be ${labelCount(ds)} in supervised mode: one output per label of ${ds.name}` }]);
      split = supervisedSplit(config, ds);
    } else split = splitClasses(ds, {
      seed: config.seed,
      users: config.federation.users,
      metaTrainClasses: d.metaTrainClasses,
      metaTestClasses: d.metaTestClasses,
      rotations: d.rotations,
      validationPerClass: d.validationPerClass,
      reserve: { target: d.reservedTarget, backdoor: d.reservedBackdoor },
    });
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError([{ field: config.mode === 'supervised' ? 'supervised.userExamples' : 'dataset.metaTrainClasses', message: (e as Error).message }]);
  }
  if (config.mode === 'meta') checkTaskFits(config, split, ds);
  const backdoor = backdoorSplit(config, split);
  const model = modelShape(config);
  const spec = conv4Spec(model);
  let initial: Float32Array;
  if (checkpoint) {
    checkCompatible(checkpoint, model);
    initial = checkpoint.weights.slice();
  } else {
    const p = initConv4(model, deriveSeed(config.seed, 'init'));
    initial = packParams(p);
    disposeParams(p);
  }
  return { config, model, spec, split, initial, backdoor };
}

function checkTaskFits(c: ExperimentConfig, split: TaskSplit, ds: ImageDataset): void {
  const { ways, trainShots, testShots } = c.task;
  const issues: { field: string; message: string }[] = [];
  const smallest = Math.min(...split.users.map((u) => u.length));
  if (ways > smallest)
    issues.push({ field: 'task.ways', message: `must be ≤ ${smallest}, the meta-training classes of the smallest user` });
  if (ways > split.metaTest.length)
    issues.push({ field: 'task.ways', message: `must be ≤ dataset.metaTestClasses (${split.metaTest.length})` });
  const perClass = Math.min(...ds.classes.map((k) => k.count));
  const trainable = perClass - c.dataset.validationPerClass;
  if (trainShots > trainable)
    issues.push({ field: 'task.trainShots', message: `must be ≤ ${trainable} (${perClass} examples per class minus dataset.validationPerClass)` });
  if (testShots > trainable)
    issues.push({ field: 'task.testShots', message: `must be ≤ ${trainable} (support examples come from the training examples)` });
  if (testShots + 1 > perClass)
    issues.push({ field: 'task.testShots', message: `must be ≤ ${perClass - 1} (meta-testing needs K+1 examples per class)` });
  if (issues.length) throw new ConfigError(issues);
}
