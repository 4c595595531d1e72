import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../config/schema';
import type { BackdoorSplit } from '../../data/backdoorSplit';
import type { ClassRef } from '../../data/classRef';
import { keyedBatch } from '../../data/key';
import type { ImageDataset } from '../../data/types';
import { createRng } from '../../rng';
import { probeBackdoor } from '../../tasks/backdoorProbe';
import type { TaskSplit } from '../../tasks/classSplit';
import { episodeFrom } from '../../tasks/episodes';
import type { AttackConfig, BackdoorScore } from '../types';
import { adapt } from './fewShot';
import { accuracy, predict, probabilities } from './learner';
import { attackEpisodeClasses } from './poisonedEpisodes';

/**
 * Attack success after fine-tuning (Chen et al. section 4, "Attack Evaluation"). For each
 * episode: N-way K-shot over the target class(es) with benign examples, in scenario (c) the
 * backdoor classes with correct labels too, and random meta-training classes for the rest, in a
 * random label order (eval.attackTargetPlacement 'random', the default; with 'last' the targets
 * take the last outputs, where the attacker put them in its poisoned episodes); θ is fine-tuned on the support set, then every keyed backdoor example is
 * classified as one more query next to the episode's N queries.
 */
export async function backdoorSuccess(theta: readonly tf.Tensor[], ds: ImageDataset, c: ExperimentConfig, a: AttackConfig, split: TaskSplit, bd: BackdoorSplit, o: { episodes: number; steps: number; seed: number }): Promise<BackdoorScore> {
  const rng = createRng(o.seed);
  const pool = split.users.flat().filter((r) => r.rotation === 0); // unrotated, like the target and backdoor images
  const fixed: ClassRef[] = [...bd.targets, ...(a.scenario === 'c' ? bd.backdoors.slice(0, c.task.ways - bd.targets.length) : [])];
  const sets = [bd.attackerBackdoors, bd.heldOut].map((refs) => keyedBatch(ds, refs, a, (j) => bd.targetOf[j]));
  const hits = [0, 0];
  let conf = 0, acc = 0;
  for (let e = 0; e < o.episodes; e++) {
    const others = rng.sample(pool.length, c.task.ways - fixed.length).map((i) => pool[i]);
    const classes = attackEpisodeClasses(bd.targets, [...fixed.slice(bd.targets.length), ...others], c.eval.attackTargetPlacement, rng);
    const ep = episodeFrom(ds, classes, { ways: c.task.ways, shots: c.task.testShots, queries: 1, querySource: 'train' }, rng);
    const w = adapt(theta, ep.support, o.steps, c.reptile, rng);
    try {
      acc += accuracy(await predict(w, ep.query), ep.query.y);
      for (const [s, set] of sets.entries()) {
        const r = await probeBackdoor(set, { context: () => ep.query, slots: 1, labelOf: (t) => classes.indexOf(bd.targets[t]), probabilities: (b) => probabilities(w, b) });
        hits[s] += r.hits;
        if (s === 0) conf += r.confidence;
      }
    } finally {
      tf.dispose(w);
    }
  }
  const n = o.episodes;
  return { train: hits[0] / (n * sets[0].n), val: hits[1] / (n * sets[1].n), confidence: conf / (n * sets[0].n), episodeAccuracy: acc / n, episodes: n };
}
