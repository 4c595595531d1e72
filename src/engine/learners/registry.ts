import type { ExperimentConfig } from '../config/schema';
import { fedAvgLearner } from './fedavg';
import type { Mode } from './metrics';
import { reptileLearner } from './reptile';
import type { Learner } from './types';

/** Every mode's learner: a mode in the schema without a learner fails to compile. */
export const learners: { [M in Mode]: Learner } = {
  meta: reptileLearner,
  supervised: fedAvgLearner,
};

export const learnerFor = (c: Pick<ExperimentConfig, 'mode'>): Learner => learners[c.mode];
