import * as tf from '@tensorflow/tfjs';
import type { ImageDataset } from '../data/types';
import { unpackParams } from '../model/params';
import { deriveSeed } from '../rng';
import type { Experiment } from '../experiment/experiment';
import { metaTrainPool } from '../tasks/classSplit';
import { supervisedBackdoor, testAccuracy } from '../learners/fedavg/evaluate';
import { backdoorSuccess, type BackdoorScore } from '../learners/reptile/backdoorSuccess';
import { fewShotAccuracy, type Score } from '../learners/reptile/fewShot';

export interface Evaluation {
  /** Classes never seen in meta-training (the paper's meta-testing accuracy). */
  metaTest: Score;
  /** Meta-training classes, queries from their held-out validation examples. */
  mainTask: Score | null;
  /** Backdoor success after fine-tuning on episodes with the target class (when the config has an attack). */
  attack?: BackdoorScore | null;
}

export interface Evaluator {
  evaluate(weights: Float32Array): Promise<Evaluation>;
}

/** Evaluates θ_G on the same (seeded) episodes every time it is called. */
export function createEvaluator(ds: ImageDataset, exp: Experiment): Evaluator {
  return {
    async evaluate(weights) {
      const { config: c, spec, split } = exp;
      const theta = unpackParams(spec, weights).map((p) => p.tensor);
      if (c.mode === 'supervised') {
        // metaTest holds the global model's test accuracy; no fine-tuning before attack success.
        const metaTest = { accuracy: testAccuracy(theta, ds, split.metaTest, c.task.ways), episodes: split.metaTest.reduce((n, r) => n + r.train.length, 0) };
        const attack = exp.backdoor ? supervisedBackdoor(theta, ds, c, split.metaTest, exp.backdoor) : null;
        tf.dispose(theta);
        return { metaTest, mainTask: null, attack };
      }
      const base = { ways: c.task.ways, shots: c.task.testShots, steps: c.eval.steps, episodes: c.eval.episodes };
      const metaTest = fewShotAccuracy(theta, ds, split.metaTest, { ...base, querySource: 'train', seed: deriveSeed(c.seed, 'eval', 'meta-test') }, c.reptile);
      const mainTask = c.eval.mainTask
        ? fewShotAccuracy(theta, ds, metaTrainPool(split), { ...base, querySource: 'val', seed: deriveSeed(c.seed, 'eval', 'main-task') }, c.reptile)
        : null;
      const attack = exp.backdoor
        ? backdoorSuccess(theta, ds, c, split, exp.backdoor, { episodes: c.eval.episodes, steps: c.eval.steps, seed: deriveSeed(c.seed, 'eval', 'backdoor') })
        : null;
      tf.dispose(theta);
      return { metaTest, mainTask, attack };
    },
  };
}
