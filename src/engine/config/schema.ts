import { z } from 'zod';

/**
 * The one experiment schema. Defaults are the paper's values (Chen et al. 2020, section 4,
 * "Training Parameters" and "Attack Evaluation"); every object is strict so a typo is an error
 * that names the field. Configs are plain data: structured-cloneable and URL-serialisable.
 */
const int = (min: number, max = Number.MAX_SAFE_INTEGER) => z.number().int().min(min).max(max);
const positive = () => z.number().positive();

export const datasetSchema = z.strictObject({
  /** omniglot: public/datasets/omniglot; synthetic: procedural glyphs built from the seed. */
  name: z.enum(['omniglot', 'synthetic']).default('omniglot'),
  /** Classes per character through 90° rotations (meta-training classes only, as in Reptile). */
  rotations: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(4),
  /** Base characters used for meta-training (before rotation). */
  metaTrainClasses: int(1).default(1200),
  /** Base characters held out for meta-testing. */
  metaTestClasses: int(1).default(418),
  /** Examples of each meta-training class held out for main-task validation. */
  validationPerClass: int(1).default(5),
  /** Size of the synthetic dataset (ignored for omniglot). */
  syntheticClasses: int(2).default(200),
  syntheticPerClass: int(2).default(20),
});

export const modelSchema = z.strictObject({
  /** Filters of each of the 4 conv modules (Conv4 uses 64). */
  filters: int(1, 512).default(64),
  /** Image side after loading (images are square). */
  imageSize: int(8, 128).default(28),
});

export const taskSchema = z.strictObject({
  /** N: classes per episode. */
  ways: int(2, 100).default(5),
  /** K for meta-training episodes (the paper: 10-shot). */
  trainShots: int(1).default(10),
  /** K for meta-testing and evaluation episodes (the paper: 5-shot). */
  testShots: int(1).default(5),
});

export const reptileSchema = z.strictObject({
  /** E: episodes per round at each user. */
  episodesPerRound: int(1).default(1000),
  /** B: episodes per meta-batch (one outer step each). */
  metaBatch: int(1).default(5),
  /** ε: outer learning rate. */
  outerLr: z.number().gt(0).max(1).default(0.1),
  /** e: inner Adam steps per meta-training episode. */
  innerSteps: int(1).default(10),
  /** b: inner batch size. */
  innerBatch: int(1).default(10),
  /** η: inner Adam learning rate. */
  innerLr: positive().default(0.001),
  beta1: z.number().min(0).lt(1).default(0),
  beta2: z.number().min(0).lt(1).default(0.999),
});

export const evalSchema = z.strictObject({
  /** Episodes averaged per evaluation point. */
  episodes: int(1).default(40),
  /** Fine-tuning steps on the support set (the paper's meta-testing e = 50). */
  steps: int(0).default(50),
  /** Evaluate every this many rounds (and always at round 0 and the last round). */
  every: int(1).default(1),
  /** Also measure main-task accuracy on meta-training classes' validation examples. */
  mainTask: z.boolean().default(true),
});

export const aggregatorSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fedavg'),
    /** α_i ∝ |D_i| ("size") or 1/M_min ("uniform"). */
    weighting: z.enum(['size', 'uniform']).default('size'),
  }),
]);

export const federationSchema = z.strictObject({
  /** M: users in the federation. */
  users: int(1, 64).default(4),
  /** M_round: users selected each round. */
  perRound: int(1, 64).default(3),
  /** M_min: updates applied each round (the first to arrive). */
  minUpdates: int(1, 64).default(3),
  aggregator: aggregatorSchema.prefault({ kind: 'fedavg' }),
});

export const initSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('scratch') }),
  /** A saved global model (see src/engine/model/checkpoint.ts); `source` is a path (Node) or URL (browser). */
  z.strictObject({ kind: z.literal('checkpoint'), source: z.string().min(1) }),
]);

export const configSchema = z
  .strictObject({
    /** Root seed: every random choice of the run derives from it. */
    seed: int(0, 2 ** 32 - 1).default(1),
    /** Rounds of federated meta-training. */
    rounds: int(0).default(50),
    dataset: datasetSchema.prefault({}),
    model: modelSchema.prefault({}),
    task: taskSchema.prefault({}),
    reptile: reptileSchema.prefault({}),
    eval: evalSchema.prefault({}),
    federation: federationSchema.prefault({}),
    init: initSchema.prefault({ kind: 'scratch' }),
  })
  .superRefine((c, ctx) => {
    const f = c.federation;
    if (f.perRound > f.users)
      ctx.addIssue({ code: 'custom', path: ['federation', 'perRound'], message: `must be ≤ federation.users (${f.users})` });
    if (f.minUpdates > f.perRound)
      ctx.addIssue({ code: 'custom', path: ['federation', 'minUpdates'], message: `must be ≤ federation.perRound (${f.perRound})` });
    if (c.reptile.metaBatch > c.reptile.episodesPerRound)
      ctx.addIssue({ code: 'custom', path: ['reptile', 'metaBatch'], message: `must be ≤ reptile.episodesPerRound (${c.reptile.episodesPerRound})` });
  });

export type ExperimentConfig = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type AggregatorConfig = ExperimentConfig['federation']['aggregator'];
