import type { ExperimentConfig } from '../engine/config/schema';
import type { ImageDataset } from '../engine/data/types';
import { createRng, deriveSeed } from '../engine/rng';
import type { Setup } from '../engine/learners/types';
import { sampleEpisode } from '../engine/tasks/episodes';
import type { Batch } from '../engine/data/batch';

export interface SampleRequest {
  /** A user's meta-training classes, or the held-out meta-testing classes. */
  pool: number | 'meta-test';
  /** Which sample (0, 1, 2, … give different episodes, reproducibly). */
  index: number;
}

export interface EpisodeView {
  pool: SampleRequest['pool'];
  ways: number;
  shots: number;
  /** Support and query images in [0, 1], side × side each, as the learner sees them. */
  support: Batch;
  query: Batch;
  /** Label i's class: dataset name and rotation. */
  classes: { name: string; rotation: number }[];
}

/** One N-way K-shot episode from a pool, as images to draw (support K per class, one query each). */
export function sampleEpisodeView(ds: ImageDataset, exp: Setup, c: ExperimentConfig, req: SampleRequest): EpisodeView {
  const pool = req.pool === 'meta-test' ? exp.split.metaTest : exp.split.users[req.pool];
  if (!pool) throw new Error(`there is no user ${String(req.pool)}`);
  const shots = req.pool === 'meta-test' ? c.task.testShots : c.task.trainShots;
  const rng = createRng(deriveSeed(c.seed, 'sample-view', String(req.pool), req.index));
  const ep = sampleEpisode(ds, pool, { ways: c.task.ways, shots, queries: 1, querySource: 'train' }, rng);
  return {
    pool: req.pool,
    ways: c.task.ways,
    shots,
    support: ep.support,
    query: ep.query,
    classes: ep.classes.map((k) => ({ name: ds.classes[k.cls].name, rotation: k.rotation })),
  };
}
