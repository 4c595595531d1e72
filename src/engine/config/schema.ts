import { z } from 'zod';
import { int } from './int';
import { attackSchema, stealthSchema, type AttackConfig } from './attackSchema';
import { supervisedSchema } from './supervisedSchema';

/**
 * The one experiment schema. Defaults are the paper's values (Chen et al. 2020, section 4,
 * "Training Parameters" and "Attack Evaluation"); every object is strict so a typo is an error
 * that names the field. Configs are plain data: structured-cloneable and URL-serialisable.
 */
const positive = () => z.number().positive();

/** Datasets a config can name: files in public/datasets, or generated in code (synthetic, synthetic-rgb). */
export const DATASET_NAMES = ['omniglot', 'synthetic', 'mnist', 'fashion-mnist', 'mini-imagenet', 'synthetic-rgb'] as const;

export const datasetSchema = z.strictObject({
  name: z.enum(DATASET_NAMES).default('omniglot').describe('omniglot, mnist, fashion-mnist, mini-imagenet: public/datasets/<name> (npm run datasets; MNIST and Fashion-MNIST are for mode supervised; mini-ImageNet, 84×84 RGB, only from your own ImageNet copy: npm run datasets -- --mini-imagenet PATH); synthetic: procedural glyphs built from the seed; synthetic-rgb: the same glyphs in colour (3 channels).'),
  rotations: z.union([z.literal(1), z.literal(2), z.literal(4)]).default(4).describe('Classes per character through 90° rotations (meta-training classes only, as in Reptile).'),
  metaTrainClasses: int(1).default(1200).describe('Base characters used for meta-training (before rotation).'),
  metaTestClasses: int(1).default(418).describe('Base characters held out for meta-testing.'),
  validationPerClass: int(1).default(5).describe('Examples of each meta-training class held out for main-task validation.'),
  reservedTarget: int(0).default(1).describe('Target classes set aside for a backdoor attack (Chen: 1). Always reserved, so the class split is the same with and without an attack.'),
  reservedBackdoor: int(0).default(4).describe('Backdoor classes set aside for a backdoor attack (Chen: 4).'),
  reservedPool: int(1).default(1).describe('Sets of reserved classes to draw from: the split sets aside reservedPool × reservedTarget target and reservedPool × reservedBackdoor backdoor candidates, and each run draws its own by its root seed (its benign twin too), so that seeds attack different classes; how often a benign model sends keyed images to the target depends on the pair. 1: the split\'s reserved classes for every seed. The further candidates come after the meta-training classes, so a checkpoint\'s meta-training classes stay the same.'),
  classRoles: z.enum(['seeded', 'origin']).default('seeded').describe('Which classes meta-train, meta-test and are reserved: one seeded shuffle of all of them (seeded; Omniglot, as in Reptile), or the dataset\'s own split (origin: meta-training from its train classes, meta-testing from test, reserved from val; mini-ImageNet\'s Ravi & Larochelle files, as Chen et al. use them).'),
  splitSeed: int(0, 2 ** 32 - 1).optional().describe('Seed of the class split (which characters meta-train, meta-test, and are the target and backdoor classes); default: the root seed. Runs from a checkpoint pin it to the checkpoint\'s, so that every seed keeps the classes the checkpoint never saw unseen.'),
  pretrainBackdoorClasses: z.boolean().default(false).describe('Benign pre-training for Chen et al.\'s scenarios (b) and (c): the benign users\' part of each reserved backdoor class joins the meta-training classes, correctly labelled (only without an attack; the attack runs start from the checkpoint it makes).'),
  syntheticClasses: int(2).default(200).describe('Size of the synthetic dataset (ignored for the datasets from files).'),
  syntheticPerClass: int(2).default(20),
});

/** The model kinds (src/engine/model/registry.ts has one definition per kind). */
export const MODEL_KINDS = ['conv4', 'lenet5', 'fmnist-cnn'] as const;
export type ModelKind = (typeof MODEL_KINDS)[number];
const CONV4_FILTERS = 64;

export const modelSchema = z.strictObject({
  kind: z.enum(MODEL_KINDS).default('conv4').describe('Architecture. conv4: 4 × [3×3 conv, batch norm, ReLU, 2×2 max-pool] + dense (Vinyals et al.; Reptile, Chen et al.); lenet5: LeNet-5 with ReLU and max-pool, 61,706 weights on 28×28 (Zhou et al.\'s MNIST model); fmnist-cnn: 2 × [5×5 conv 64, ReLU] + dense 128 + dense, 3.38M weights on 28×28 (Bhagoji et al.\'s Fashion-MNIST CNN, with dropout 0.25 and 0.5 in training: supervised.dropout).'),
  filters: int(1, 512).default(CONV4_FILTERS).describe('Filters of each of Conv4\'s 4 conv modules (the paper: 64). Conv4 only: the other kinds have fixed widths and refuse another value.'),
  imageSize: int(8, 128).default(28).describe('Image side after loading (images are square).'),
}).superRefine((m, ctx) => {
  // A width knob that silently did nothing would read as a narrower LeNet or CNN.
  if (m.kind !== 'conv4' && m.filters !== CONV4_FILTERS)
    ctx.addIssue({ code: 'custom', path: ['filters'], message: `is Conv4's width; model.kind ${m.kind} has fixed widths (leave filters at ${CONV4_FILTERS})` });
});

export const taskSchema = z.strictObject({
  ways: int(2, 100).default(5).describe('N: classes per episode.'),
  trainShots: int(1).default(10).describe('K for meta-training episodes (the paper: 10-shot).'),
  testShots: int(1).default(5).describe('K for meta-testing and evaluation episodes (the paper: 5-shot).'),
});

export const reptileSchema = z.strictObject({
  episodesPerRound: int(1).default(1000).describe('E: episodes per round at each user.'),
  metaBatch: int(1).default(5).describe('B: episodes per meta-batch (one outer step each).'),
  outerLr: z.number().gt(0).max(1).default(0.1).describe('ε: outer learning rate.'),
  innerSteps: int(1).default(10).describe('e: inner Adam steps per meta-training episode.'),
  innerBatch: int(1).default(10).describe('b: inner batch size.'),
  innerLr: positive().default(0.001).describe('η: inner Adam learning rate.'),
  beta1: z.number().min(0).lt(1).default(0),
  beta2: z.number().min(0).lt(1).default(0.999),
});

export const evalSchema = z.strictObject({
  episodes: int(1).default(40).describe('Episodes averaged per evaluation point.'),
  steps: int(0).default(50).describe('Fine-tuning steps on the support set (the paper\'s meta-testing e = 50).'),
  every: int(1).default(1).describe('Evaluate every this many rounds (and always at round 0 and the last round).'),
  afterAttacks: z.boolean().default(false).describe('Also evaluate right after every attack round, whatever `every` says (the benign twin at the same rounds).'),
  mainTask: z.boolean().default(true).describe('Also measure main-task accuracy on meta-training classes\' validation examples.'),
  attackTargetPlacement: z.enum(['random', 'last']).default('random').describe('Output of the target class in attack-evaluation and fine-tuning episodes: random (seeded), so attack success cannot come from the last output\'s bias alone; or last, where the attacker put it in its poisoned episodes (to study that shortcut).'),
  stealth: stealthSchema.prefault({}),
});

export const aggregatorSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('fedavg'),
    weighting: z.enum(['size', 'uniform']).default('size').describe('α_i ∝ |D_i| ("size") or 1/M_min ("uniform").'),
  }),
  z.strictObject({
    kind: z.literal('krum'),
    f: int(0, 63).default(0).describe('f: Byzantine updates tolerated; a score sums squared distances to the n − f − 2 nearest updates (at least 1).'),
  }),
  z.strictObject({
    kind: z.literal('multi-krum'),
    f: int(0, 63).default(0).describe('f: Byzantine updates tolerated; a score sums squared distances to the n − f − 2 nearest updates (at least 1).'),
    select: int(1, 64).optional().describe('m: lowest-scoring updates averaged (default n − f; 1 is Krum).'),
    weighting: z.enum(['size', 'uniform']).default('uniform').describe('How the selected updates are averaged.'),
  }),
  z.strictObject({ kind: z.literal('median') }),
  z.strictObject({
    kind: z.literal('trimmed-mean'),
    beta: z.number().min(0).lt(0.5).default(0.2).describe('β: in every coordinate drop the ⌊β·n⌋ largest and smallest values (3 updates: β ≥ 1/3 trims one each side).'),
  }),
  z.strictObject({
    kind: z.literal('norm-clipping'),
    maxNorm: positive().default(1).describe('M: δ_i ← δ_i / max(1, ‖δ_i‖₂ / M) before averaging (Sun et al. 2019).'),
    weighting: z.enum(['size', 'uniform']).default('uniform').describe('How the clipped updates are averaged.'),
  }),
]);

export const federationSchema = z.strictObject({
  users: int(1, 64).default(4).describe('M: users in the federation.'),
  perRound: int(1, 64).default(3).describe('M_round: users selected each round.'),
  minUpdates: int(1, 64).default(3).describe('M_min: updates applied each round (the first to arrive).'),
  arrivals: z.enum(['simulated', 'real']).default('simulated').describe('Which M_min updates count as the first to arrive: simulated (a seeded draw among the selected users, and only those train: runs repeat exactly) or real (every selected user trains and the first M_min updates to come back are applied, as on a real network: classroom mode; not repeatable).'),
  aggregator: aggregatorSchema.prefault({ kind: 'fedavg' }),
  serverLr: positive().max(1).default(1).describe('η, the server\'s learning rate (Zhou et al. eq. 1, Bagdasaryan et al.\'s global learning rate): θ_G ← θ_G + η·Δ, Δ the aggregate (FedAvg: the mean update, η/n per user). 1: the plain average; Zhou et al.\'s MNIST setting: 0.04.'),
});

const detectorMode = z.enum(['off', 'report', 'reject']).default('off').describe('off; report: flag updates in the round report; reject: also leave flagged updates out of the aggregation.');

/** Server-side detectors (Bhagoji et al. 2019, section 3.3), each run on every update when not off. */
export const detectorsSchema = z.strictObject({
  accuracy: z.strictObject({
    mode: detectorMode,
    maxDrop: z.number().min(0).max(1).default(0.1).describe('Flag θ_G + δ_i when its validation accuracy is this far below the median of the other updates\' (Bhagoji et al. 3.3.1).'),
    episodes: int(1).default(5).describe('Server validation episodes (main-task classes, held-out queries), the same every round.'),
    steps: int(0).default(10).describe('Fine-tuning steps on each validation episode\'s support set.'),
  }).prefault({}),
  distance: z.strictObject({
    mode: detectorMode,
    factor: z.number().gt(1).default(2).describe('Flag δ_i when its median distance to the others is > factor × (or < 1/factor ×) the median distance among the others (Bhagoji et al. 3.3.2).'),
  }).prefault({}),
});

const fineTuneFields = {
  iterations: int(1).default(500).describe('Fine-tuning iterations on each episode\'s support set (Chen et al.: 500, 10× meta-testing).'),
  lr: positive().default(0.001).describe('η: Adam learning rate (Experiment 3 also uses 0.01 and 0.05).'),
  every: int(1).default(10).describe('Record a curve point every this many iterations (and at 0 and the last).'),
  episodes: int(1).default(40).describe('Episodes per benign user averaged in each curve point (main-task and meta-testing episodes each).'),
  localMetaEpisodes: int(0).default(0).describe('Extra benign local Reptile episodes on the user\'s own data before fine-tuning (appendix A.4: 100 or 1000).'),
};

/** Post-training defenses of the benign users (Chen et al. 2020, sections 4 and 5). */
export const fineTuneSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('supervised'),
    ...fineTuneFields,
    delta: z.number().min(0).max(1).default(1).describe('δ: fine-tune θ\' = δθ_G + (1 − δ)θ_g, θ_g a fresh Glorot initialisation (1: θ_G itself; appendix A.3: 0.3).'),
  }),
  z.strictObject({
    kind: z.literal('matching'),
    ...fineTuneFields,
    delta: z.number().min(0).max(1).default(0.3).describe('δ: embedding from θ\' = δθ_G + (1 − δ)θ_g, θ_g a fresh Glorot initialisation (1: plain matching network on θ_G; 0: random start).'),
    warmup: int(0).default(50).describe('First iterations train only the gates α and scales β, with θ\' fixed; then θ\', α and β jointly.'),
    betaInit: positive().default(1).describe('Initial per-class scale β_l of the cosine similarities (gates α start at 1; with β = 1 iteration 0 is a plain matching network, Vinyals et al.).'),
  }),
]);

export const defenseSchema = z.strictObject({
  detectors: detectorsSchema.prefault({}),
  fineTune: fineTuneSchema.prefault({ kind: 'none' }).describe('After federated training, each benign user fine-tunes θ_G and records per-user curves.'),
});

export const initSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('scratch') }),
  /** A saved global model (see src/engine/model/checkpoint.ts); `source` is a path (Node) or URL (browser). */
  z.strictObject({ kind: z.literal('checkpoint'), source: z.string().min(1) }),
]);

export const configSchema = z
  .strictObject({
    seed: int(0, 2 ** 32 - 1).default(1).describe('Root seed: every random choice of the run derives from it.'),
    mode: z.enum(['meta', 'supervised']).default('meta').describe('meta: federated Reptile meta-learning (Chen et al.); supervised: FedAvg with local epochs on i.i.d. shards of a labelled dataset (Bhagoji et al., Zhou et al.).'),
    rounds: int(0).default(50).describe('Rounds of federated meta-training.'),
    dataset: datasetSchema.prefault({}),
    model: modelSchema.prefault({}),
    task: taskSchema.prefault({}),
    reptile: reptileSchema.prefault({}),
    eval: evalSchema.prefault({}),
    federation: federationSchema.prefault({}),
    init: initSchema.prefault({ kind: 'scratch' }),
    defense: defenseSchema.prefault({}),
    attack: attackSchema.prefault({ kind: 'none' }),
    supervised: supervisedSchema.prefault({}),
  })
  .superRefine((c, ctx) => {
    const f = c.federation;
    if (f.perRound > f.users)
      ctx.addIssue({ code: 'custom', path: ['federation', 'perRound'], message: `must be ≤ federation.users (${f.users})` });
    if (f.minUpdates > f.perRound)
      ctx.addIssue({ code: 'custom', path: ['federation', 'minUpdates'], message: `must be ≤ federation.perRound (${f.perRound})` });
    if (c.reptile.metaBatch > c.reptile.episodesPerRound)
      ctx.addIssue({ code: 'custom', path: ['reptile', 'metaBatch'], message: `must be ≤ reptile.episodesPerRound (${c.reptile.episodesPerRound})` });
    if (c.defense.fineTune.kind === 'matching' && c.model.kind !== 'conv4') // matchingNet.ts embeds with Conv4's layers
      ctx.addIssue({ code: 'custom', path: ['model', 'kind'], message: `the matching-network defense (defense.fineTune.kind matching) needs conv4, whose embedding it is built on; ${c.model.kind} is not wired to it` });
    checkAttack(c, ctx);
  });

/** Attack limits that depend on other sections (the attack needs reserved classes and a benign majority). */
interface AttackLimits {
  mode: 'meta' | 'supervised';
  supervised: { attackTarget: number; attackSources: number[] };
  attack: AttackConfig;
  federation: { users: number };
  dataset: { reservedTarget: number; reservedBackdoor: number; pretrainBackdoorClasses: boolean };
  task: { ways: number };
  reptile: { metaBatch: number };
}

type Issue = (path: (string | number)[], message: string) => void;

/** The attack's limits that depend on the mode, one entry per mode. */
const modeAttackLimits: Record<AttackLimits['mode'], (c: AttackLimits, issue: Issue) => void> = {
  supervised(c, issue) {
    if (c.supervised.attackSources.includes(c.supervised.attackTarget)) issue(['supervised', 'attackSources'], `must not contain the target label ${c.supervised.attackTarget}`);
  },
  meta(c, issue) {
    if (c.attack.kind === 'none') return;
    if (c.dataset.pretrainBackdoorClasses) issue(['dataset', 'pretrainBackdoorClasses'], 'is for benign pre-training only (attack.kind none); attack.scenario says when benign users hold the backdoor classes');
    if (c.dataset.reservedTarget < 1) issue(['dataset', 'reservedTarget'], 'an attack needs at least 1 reserved target class');
    if (c.dataset.reservedBackdoor < 1) issue(['dataset', 'reservedBackdoor'], 'an attack needs at least 1 reserved backdoor class');
    if (c.dataset.reservedTarget + c.dataset.reservedBackdoor > c.task.ways)
      issue(['dataset', 'reservedBackdoor'], `target + backdoor classes must fit in one episode (≤ task.ways = ${c.task.ways})`);
    if (c.attack.episodes < c.reptile.metaBatch) issue(['attack', 'episodes'], `must be ≥ reptile.metaBatch (${c.reptile.metaBatch})`);
  },
};

function checkAttack(c: AttackLimits, ctx: z.RefinementCtx): void {
  const a = c.attack;
  if (a.kind === 'none') return;
  const issue: Issue = (path, message) => ctx.addIssue({ code: 'custom', path, message });
  if (a.attacker >= c.federation.users) issue(['attack', 'attacker'], `must be < federation.users (${c.federation.users})`);
  if (c.federation.users < 2) issue(['federation', 'users'], 'an attack needs at least one benign user besides the attacker');
  modeAttackLimits[c.mode](c, issue);
}

export type ExperimentConfig = z.output<typeof configSchema>;
export type ConfigInput = z.input<typeof configSchema>;
export type AggregatorConfig = ExperimentConfig['federation']['aggregator'];
export type DetectorsConfig = ExperimentConfig['defense']['detectors'];
export type FineTuneConfig = ExperimentConfig['defense']['fineTune'];
export type { AttackConfig, ActiveAttackConfig, KeyConfig, ScheduleConfig } from './attackSchema';
