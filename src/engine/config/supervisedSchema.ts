import { z } from 'zod';
import { int } from './int';

/**
 * Supervised federated learning (`mode: 'supervised'`): FedAvg with local SGD/Adam epochs on
 * i.i.d. shards of a labelled dataset (MNIST, Fashion-MNIST; synthetic glyphs for tests), the
 * setting of Bhagoji et al. 2019 (Fashion-MNIST) and Zhou et al. 2021 (MNIST). The model is
 * `model.kind` (Conv4, LeNet-5 or Bhagoji's CNN) with one output per label (task.ways = number of labels).
 */

export const supervisedSchema = z.strictObject({
  epochs: int(1).default(5).describe('Local epochs over the user\'s shard per round (Zhou: IE = 5).'),
  batch: int(1).default(32).describe('Local minibatch size.'),
  optimizer: z.enum(['adam', 'sgd']).default('adam').describe('Local optimiser (fresh each round).'),
  lr: z.number().positive().default(0.001).describe('Local learning rate.'),
  dropout: z.boolean().default(true).describe('Dropout in local training steps where the model has it (Bhagoji et al.\'s Fashion-MNIST CNN: 0.25 and 0.5, a seeded mask per step); off: train the whole network, as it is evaluated.'),
  userExamples: int(0).default(0).describe('Training examples per user, dealt i.i.d. from the training split (0: split all of them equally).'),
  testExamples: int(1).default(1000).describe('Test examples (a fixed seeded subset) for the global model\'s accuracy.'),
  testFraction: z.number().gt(0).lt(1).default(0.2).describe('Share of each class held out as test data when the dataset has no test split (synthetic).'),
  attackTarget: int(0).default(7).describe('Label the attack wants its poisoned examples classified as (Bhagoji: 7, sneaker).'),
  attackSources: z.array(int(0)).min(1).default([5]).describe('Labels whose (test-split) examples are poisoned (Bhagoji: 5, sandal → sneaker).'),
});

export type SupervisedConfig = z.output<typeof supervisedSchema>;
