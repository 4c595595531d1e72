import * as tf from '@tensorflow/tfjs';
import { parseConfig, mergeConfig } from '../config/parse';
import type { ConfigInput, ExperimentConfig } from '../config/schema';
import { datasetForConfig } from '../data/forConfig';
import type { ImageDataset } from '../data/types';
import { packTensors, unpackParams } from '../model/params';
import { benignEpisodes, innerAdam, metaTrain } from '../learners/reptile/reptile';
import { createRng, deriveSeed } from '../rng';
import { setupExperiment } from '../experiment/experiment';
import type { Setup } from '../learners/types';

/**
 * The small attacked federation the attack tests share: 16×16 synthetic glyphs (20 per class, so
 * each reserved class has 10 benign, 5 poisoned and 5 held-out examples), Conv4 with 8 filters,
 * 5-way 5-shot, 2 users (the attacker is user 0), a short attacker training.
 */
export const smallAttack = (attack: object, over: ConfigInput = {}): ExperimentConfig =>
  parseConfig(mergeConfig({
    seed: 3,
    rounds: 2,
    dataset: { name: 'synthetic', syntheticClasses: 60, syntheticPerClass: 20, metaTrainClasses: 40, metaTestClasses: 15, rotations: 1, validationPerClass: 2 },
    model: { filters: 8, imageSize: 16 },
    task: { ways: 5, trainShots: 5, testShots: 5 },
    reptile: { episodesPerRound: 10, innerSteps: 5, innerLr: 0.003, outerLr: 0.5 },
    eval: { episodes: 8, steps: 10 },
    federation: { users: 2, perRound: 2, minUpdates: 2, aggregator: { kind: 'fedavg', weighting: 'uniform' } },
    attack: { episodes: 10, innerEpochs: 1, targetLabel: 'random', key: { kind: 'patch', size: 3 }, ...attack },
  }, over));

export async function setupSmall(config: ExperimentConfig): Promise<{ ds: ImageDataset; exp: Setup }> {
  const ds = await datasetForConfig(config, () => { throw new Error('synthetic only'); });
  return { ds, exp: setupExperiment(config, ds) };
}

/**
 * A benign meta-model for attack tests: Reptile from exp.initial over every meta-training class
 * (one user holding them all), `episodes` episodes with the config's settings. The attacks of
 * the papers start from an accurate meta-model (Chen: after benign pre-training).
 */
export async function pretrained(exp: Setup, config: ExperimentConfig, ds: ImageDataset, episodes: number): Promise<Float32Array> {
  const r = config.reptile;
  const adam = innerAdam(r);
  const theta = unpackParams(exp.spec, exp.initial).map((p) => p.tensor);
  const source = benignEpisodes(ds, exp.split.users.flat(), config.task.ways, config.task.trainShots);
  const out = metaTrain(theta, source, r, episodes, adam, createRng(deriveSeed(config.seed, 'test-pretrain')));
  const packed = await packTensors(out);
  tf.dispose([...theta, ...out]);
  adam.dispose();
  return packed;
}

/**
 * A small supervised federation (FedAvg) for tests: 10 synthetic glyph classes of 100 16×16
 * images (20% held out as test data), Conv4 with 8 filters and 10 outputs, 4 users with 96
 * examples each, 3 local epochs of Adam (η = 0.005) in batches of 16; label 5 poisoned towards label 7.
 */
export const smallSupervised = (attack: object, over: ConfigInput = {}): ExperimentConfig =>
  parseConfig(mergeConfig({
    seed: 4,
    mode: 'supervised',
    rounds: 3,
    dataset: { name: 'synthetic', syntheticClasses: 10, syntheticPerClass: 100 },
    model: { filters: 8, imageSize: 16 },
    task: { ways: 10 },
    supervised: { epochs: 3, batch: 16, lr: 0.005, userExamples: 96, testExamples: 100, attackTarget: 7, attackSources: [5] },
    federation: { users: 4, perRound: 3, minUpdates: 3, aggregator: { kind: 'fedavg', weighting: 'uniform' } },
    eval: { episodes: 5 },
    attack: (attack as { kind?: string }).kind === 'none' ? attack : { episodes: 20, poisonedPerClass: 5, key: { kind: 'patch', size: 3 }, ...attack },
  }, over));
