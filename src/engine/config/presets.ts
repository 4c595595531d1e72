import type { ConfigInput } from './schema';

export interface Preset {
  title: string;
  description: string;
  config: ConfigInput;
}

/** Benign Omniglot meta-model with 16 filters (omniglot-pretrain-16; 91.5% 5-way 5-shot, paper evaluation). */
const OMNIGLOT_16 = 'public/checkpoints/omniglot-conv4-16.ckpt';
/** The same, meta-trained further with the backdoor classes correctly labelled (omniglot-pretrain-16-backdoor): Chen's scenarios (b) and (c). */
const OMNIGLOT_16_BACKDOOR = 'public/checkpoints/omniglot-conv4-16-backdoor.ckpt';
/** LeNet-5 after 20 benign rounds of zhou-mnist's federation (zhou-mnist-pretrain): Zhou's "converged" global model. */
export const MNIST_LENET5 = 'public/checkpoints/mnist-lenet5.ckpt';
/** The checkpoints' class split (seed 1): every seed of a run from them keeps the classes they never saw unseen. */
const CHECKPOINT_SPLIT = { splitSeed: 1 };
/**
 * The Omniglot checkpoints' split, with 4 candidate sets of reserved classes (4 targets, 16 backdoor
 * classes) out of which each seed draws its 1 target and 4 backdoor classes; they come out of the
 * meta-testing share (418 → 403 characters), the 1200 meta-training characters stay the checkpoints'.
 */
export const OMNIGLOT_CHECKPOINT_SPLIT = { ...CHECKPOINT_SPLIT, reservedPool: 4, metaTestClasses: 403 };

/**
 * The attacker that is not the paper's but plants a backdoor measured honestly at laptop scale: the
 * target at a random output of its poisoned episodes (so only the features can carry it), 1000
 * episodes × 2 inner epochs, Reptile's ε = 1 (docs/attacks.md). The reproduction's Experiments 2–4
 * fine-tune after this one's update.
 */
const RANDOM_OUTPUT_ATTACK = { episodes: 1000, innerEpochs: 2, targetLabel: 'random', outerLr: 1 } as const;

/** Chen et al. Experiment 1 at laptop scale: the three scenarios differ only in `attack.scenario`. */
function chenExp1(scenario: 'a' | 'b' | 'c'): ConfigInput {
  return {
    rounds: 13,
    init: { kind: 'checkpoint', source: scenario === 'a' ? OMNIGLOT_16 : OMNIGLOT_16_BACKDOOR },
    dataset: OMNIGLOT_CHECKPOINT_SPLIT,
    model: { filters: 16 },
    reptile: { episodesPerRound: 100 },
    eval: { episodes: 20, steps: 20, stealth: { enabled: true } },
    attack: { kind: 'chen-backdoor', scenario, schedule: { kind: 'single-shot', round: 3 }, boost: 3, episodes: 500, innerEpochs: 2 },
  };
}

/**
 * Chen et al. Experiments 2–4 at laptop scale: from the 16-filter benign Omniglot checkpoint,
 * user 0 attacks once at round 1 (λ = 3, the random-output attacker, as the reproduction does:
 * the paper's attacker leaves no backdoor for fine-tuning to remove), federated training stops, and each benign user fine-tunes θ_G on 5 episodes for 100 iterations
 * (the paper: 40 episodes × 500 iterations). `attack.scenario` b / c give the figures' other rows.
 */
function chenFineTune(fineTune: NonNullable<NonNullable<ConfigInput['defense']>['fineTune']>): ConfigInput {
  return {
    rounds: 1,
    init: { kind: 'checkpoint', source: OMNIGLOT_16 },
    dataset: OMNIGLOT_CHECKPOINT_SPLIT,
    model: { filters: 16 },
    reptile: { episodesPerRound: 100 },
    eval: { episodes: 20, steps: 20 },
    attack: { kind: 'chen-backdoor', schedule: { kind: 'single-shot', round: 1 }, boost: 3, ...RANDOM_OUTPUT_ATTACK },
    defense: { fineTune },
  };
}

/** Zhou et al.'s MNIST setting, scaled down (Table 2): 20 clients of 500 images, 10 per round, LeNet-5, the stealth panel on. */
const ZHOU_MNIST = {
  mode: 'supervised',
  rounds: 20,
  dataset: { name: 'mnist' },
  model: { kind: 'lenet5' },
  task: { ways: 10 },
  federation: { users: 20, perRound: 10, minUpdates: 10, aggregator: { kind: 'fedavg', weighting: 'uniform' } },
  supervised: { epochs: 1, batch: 32, lr: 0.001, userExamples: 500, testExamples: 1000, attackTarget: 7, attackSources: [5] },
  eval: { stealth: { enabled: true } },
} satisfies ConfigInput;

/** Zhou et al.'s attack in their MNIST setting: the attacker selected every round, the pixel-pattern backdoor 5 → 7 on 100 examples. */
const ZHOU_MNIST_ATTACK = {
  kind: 'zhou-am', betweenAttacks: 'selected', boostInverseWeight: true,
  poisonedPerClass: 100, mix: { target: 0, backdoor: 1 }, episodes: 60, epochs: 3, benignRatio: 1,
  rho1: 1e-4, rho2: 1, hessian: 'squared-gradients', hessianSamples: 10, adversarialData: 'poisoned-and-clean',
} as const;

/** Bhagoji et al.'s Fashion-MNIST setting, scaled down: 10 agents of 1000 images, all chosen every round, their CNN, accuracy checks on. */
const BHAGOJI_FMNIST = {
  mode: 'supervised',
  rounds: 12,
  dataset: { name: 'fashion-mnist' },
  model: { kind: 'fmnist-cnn' },
  task: { ways: 10 },
  federation: { users: 10, perRound: 10, minUpdates: 10, aggregator: { kind: 'fedavg', weighting: 'uniform' } },
  supervised: { epochs: 1, batch: 32, lr: 0.001, userExamples: 1000, testExamples: 1000, attackTarget: 7, attackSources: [5] },
  eval: { stealth: { enabled: true, accuracy: true, episodes: 25 } },
} satisfies ConfigInput;

/** Bhagoji et al.'s explicit boosting from round 3: one test sandal (no key) to be classified as a sneaker. */
const BHAGOJI_EXPLICIT_ATTACK = {
  kind: 'bhagoji-explicit', schedule: { kind: 'multi-shot', from: 3 }, poisonedPerClass: 1, key: { kind: 'none' }, mix: { target: 0, backdoor: 1 },
} as const;

/**
 * Chen et al.'s mini-ImageNet setting (section 4): 84×84 RGB, Conv4 with 64 filters, E = 100
 * episodes of 15-shot 5-way per user and round; Ravi & Larochelle's split decides the classes'
 * roles (classRoles: origin): its 64 train classes meta-train, its 20 test classes meta-test, and
 * the paper's 1 target and 1 backdoor class are reserved from its 16 val classes; no rotations.
 */
const MINI_IMAGENET = {
  dataset: { name: 'mini-imagenet', metaTrainClasses: 64, metaTestClasses: 20, rotations: 1, reservedBackdoor: 1, classRoles: 'origin' },
  model: { imageSize: 84 },
  task: { trainShots: 15 },
  reptile: { episodesPerRound: 100 },
} satisfies ConfigInput;

/**
 * Chen et al.'s mini-ImageNet attacker: E = 150000 poisoned episodes of 1 inner epoch, X_B : X_T = 1 : 2.
 * The key patch grows with the image: 12 pixels 3 from the border on 84×84 is the default 4 and 1 on 28×28.
 */
const MINI_IMAGENET_ATTACK = {
  kind: 'chen-backdoor', episodes: 150000, innerEpochs: 1, mix: { target: 2, backdoor: 1 }, key: { kind: 'patch', size: 12, margin: 3 },
  benignPerClass: 20, // the benign users' examples of a reserved class: at least K = 15 for their episodes
} as const;

/** One user holding every meta-training class, Conv4 with 32 filters: the mini-ImageNet checkpoints' pre-training. */
const MINI_PRETRAIN = {
  model: { imageSize: 84, filters: 32 },
  federation: { users: 1, perRound: 1, minUpdates: 1 },
  reptile: { episodesPerRound: 100, innerSteps: 8, outerLr: 0.5 },
  eval: { every: 10, episodes: 20, mainTask: false },
} satisfies ConfigInput;

/** Coloured glyphs shaped like mini-ImageNet (84×84 RGB, 100 classes, 64 + 20 dealt): runs anywhere, no files. */
const MINI_IMAGENET_SYNTHETIC = {
  // Glyphs have no train/val/test origin: one seeded shuffle deals them.
  dataset: { ...MINI_IMAGENET.dataset, name: 'synthetic-rgb', syntheticClasses: 100, syntheticPerClass: 30, validationPerClass: 2, classRoles: 'seeded' },
  model: { imageSize: 84, filters: 16 },
} satisfies ConfigInput;

/** synthetic-tiny's run: procedural glyphs, seconds; its RGB twin changes only the dataset's name. */
const SYNTHETIC_TINY = {
  rounds: 3,
  dataset: { name: 'synthetic', syntheticClasses: 65, syntheticPerClass: 12, metaTrainClasses: 40, metaTestClasses: 20, rotations: 1, validationPerClass: 2 },
  model: { filters: 8 },
  task: { trainShots: 5, testShots: 5 },
  reptile: { episodesPerRound: 10, innerSteps: 5 },
  eval: { episodes: 10, steps: 10 },
} satisfies ConfigInput;

/**
 * Named experiments. The paper preset keeps every default (Chen et al.'s settings); the others
 * scale the same algorithm down to what a 2-core laptop runs in seconds or minutes.
 */
export const presets = {
  'synthetic-tiny': {
    title: 'Synthetic glyphs, tiny',
    description: 'Procedural glyphs generated from the seed (no files); a few seconds. For tests and a first look.',
    config: SYNTHETIC_TINY,
  },
  'classroom-demo': {
    title: 'Classroom demo: a backdoor on Omniglot',
    description: 'The app\'s opening run (needs `npm run datasets`): 4 users on Omniglot, one browser worker each, starting from the benign 16-filter checkpoint (91.5% meta-testing accuracy). Two benign rounds; at round 3 user 0 sends one boosted backdoored update (λ = 3), trained with the target at a random output of its poisoned episodes (1000 episodes, Reptile step ε = 1) so that its backdoor lives in the features; five more rounds follow, then every benign user tries the matching-network defense (δ = 0.3). Over 3 seeds (npm run sim -- classroom-demo --paired --seeds 3) attack success goes from 21.5% before the attack to 45.9 ± 18.8% at round 3 and 47.6% at round 8, against the benign twin\'s 21%, with meta-testing accuracy unharmed; the defense brings it to 18.5% (twin: 23.1%). Set attack.targetLabel to last for the paper\'s attacker, which plants nothing measured this way, and eval.attackTargetPlacement to last to see the shortcut it learns. A few minutes on a 2-core laptop.',
    config: {
      rounds: 8,
      init: { kind: 'checkpoint', source: OMNIGLOT_16 },
      dataset: OMNIGLOT_CHECKPOINT_SPLIT,
      model: { filters: 16 },
      reptile: { episodesPerRound: 20 },
      eval: { episodes: 20, steps: 20 },
      attack: { kind: 'chen-backdoor', schedule: { kind: 'single-shot', round: 3 }, boost: 3, ...RANDOM_OUTPUT_ATTACK },
      defense: { fineTune: { kind: 'matching', delta: 0.3, iterations: 40, every: 10, episodes: 3, warmup: 10 } },
    },
  },
  'classroom-synthetic': {
    title: 'Classroom demo on synthetic glyphs',
    description: 'The classroom demo without any download or checkpoint: procedural glyphs generated from the seed, trained from scratch by the same federation, a backdoor at round 6 (λ = 10) and the matching-network defense (δ = 0.3). The app falls back to it when Omniglot is not built.',
    config: {
      rounds: 12,
      dataset: { name: 'synthetic', syntheticClasses: 125, syntheticPerClass: 20, metaTrainClasses: 80, metaTestClasses: 40, rotations: 1, validationPerClass: 2 },
      model: { filters: 16 },
      task: { ways: 5, trainShots: 5, testShots: 5 },
      reptile: { episodesPerRound: 20, innerSteps: 5, innerLr: 0.003, outerLr: 0.5 },
      eval: { episodes: 20, steps: 10 },
      attack: { kind: 'chen-backdoor', schedule: { kind: 'single-shot', round: 6 }, episodes: 400, innerEpochs: 2, boost: 10 },
      defense: { fineTune: { kind: 'matching', delta: 0.3, iterations: 40, every: 10, episodes: 3, warmup: 10 } },
    },
  },
  'omniglot-quick': {
    title: 'Omniglot, quick',
    description: 'Real Omniglot from scratch, the paper\'s federation (4 users, 3 per round) with Conv4 of 32 filters (paper: 64, ×1/2), 100 episodes per user per round (paper: 1000, ×1/10) of 10-shot 5-way with 10 inner steps and ε = 0.5 (paper: 0.1), 10 rounds; evaluation on 20 episodes with 10 fine-tuning steps (paper: 40 and 50). Meta-learning at work in under 5 minutes on 2 cores: meta-testing accuracy 70% at round 0, above 90% from round 7 (seed 1).',
    config: {
      rounds: 10,
      model: { filters: 32 },
      reptile: { episodesPerRound: 100, innerSteps: 10, outerLr: 0.5 },
      eval: { episodes: 20, steps: 10 },
    },
  },
  'omniglot-pretrain': {
    title: 'Omniglot, benign pre-training',
    description: 'Produces the trained starting point (public/checkpoints/omniglot-conv4.ckpt): the paper\'s Conv4 (64 filters) and 10-shot 5-way episodes, one user holding all 1200 meta-training characters, 5 inner steps and ε = 0.5 as in Reptile\'s Omniglot runs. Resumable: --checkpoint FILE --resume.',
    config: {
      rounds: 400,
      federation: { users: 1, perRound: 1, minUpdates: 1 },
      reptile: { episodesPerRound: 250, innerSteps: 5, outerLr: 0.5 },
      eval: { every: 10, episodes: 20, mainTask: false },
    },
  },
  'omniglot-pretrain-16': {
    title: 'Omniglot, benign pre-training (16 filters)',
    description: 'Produces the small trained starting point of the Omniglot attack presets (public/checkpoints/omniglot-conv4-16.ckpt): Conv4 with 16 filters, one user holding all 1200 meta-training characters, 40 rounds × 100 episodes of 10-shot 5-way Reptile with 10 inner steps and ε = 0.5. About 10 minutes on a 2-core laptop. Resumable: --checkpoint FILE --resume.',
    config: {
      rounds: 40,
      model: { filters: 16 },
      federation: { users: 1, perRound: 1, minUpdates: 1 },
      reptile: { episodesPerRound: 100, innerSteps: 10, outerLr: 0.5 },
      eval: { every: 10, episodes: 20, mainTask: false },
    },
  },
  'omniglot-pretrain-16-backdoor': {
    title: 'Omniglot, benign pre-training with the backdoor classes (16 filters)',
    description: 'Produces the starting point of Chen et al.\'s scenarios (b) and (c) (public/checkpoints/omniglot-conv4-16-backdoor.ckpt): the 16-filter benign checkpoint meta-trained for 20 more rounds × 100 episodes with the 16 candidate backdoor classes (dataset.reservedPool 4 × 4; each attack run draws its 4 of them) among the meta-training classes, correctly labelled (the benign users\' 10 examples of each, unrotated). They are 16 of 4816 classes, so a run\'s 4 backdoor classes are in about 1 episode in 240, as rare as in the paper\'s benign meta-training. About a minute. Resumable: --checkpoint FILE --resume.',
    config: {
      rounds: 20,
      init: { kind: 'checkpoint', source: OMNIGLOT_16 },
      dataset: { ...OMNIGLOT_CHECKPOINT_SPLIT, pretrainBackdoorClasses: true },
      model: { filters: 16 },
      federation: { users: 1, perRound: 1, minUpdates: 1 },
      reptile: { episodesPerRound: 100, innerSteps: 10, outerLr: 0.5 },
      eval: { every: 10, episodes: 20, mainTask: false },
    },
  },
  'omniglot-paper': {
    title: 'Omniglot, paper settings',
    description: 'Chen et al. 2020 section 4: Conv4 with 64 filters, E = 1000 episodes of 10-shot 5-way per round, B = 5, ε = 0.1, e = 10/50, b = 10, η = 0.001, M = 4 users, 3 per round. Hours on a CPU.',
    config: {},
  },
  'synthetic-rgb-tiny': {
    title: 'Coloured glyphs (RGB), tiny',
    description: 'synthetic-tiny in colour: the same procedural glyphs, each example in a random ink on a random background (3 channels, 28×28), so Conv4 must find shapes through the colour. A few seconds.',
    config: { ...SYNTHETIC_TINY, dataset: { ...SYNTHETIC_TINY.dataset, name: 'synthetic-rgb' } },
  },
  'mini-imagenet-synthetic': {
    title: 'mini-ImageNet shape on coloured glyphs: one-shot backdoor (84×84 RGB)',
    description: 'The mini-ImageNet task without ImageNet: coloured glyphs at 84×84×3 in 100 classes (64 meta-training, 20 meta-testing, 1 target and 1 backdoor class reserved), 15-shot 5-way episodes, Conv4 with 16 filters (paper: 64), 20 episodes per user and round (paper: 100); at round 3 user 0 sends Chen\'s boosted backdoor with mini-ImageNet\'s X_B : X_T = 1 : 2 and 1 inner epoch, on 200 poisoned episodes (paper: 150000). Minutes on a 2-core laptop.',
    config: {
      ...MINI_IMAGENET_SYNTHETIC,
      rounds: 6,
      task: { trainShots: 15 },
      reptile: { episodesPerRound: 20, innerSteps: 5, outerLr: 0.5 },
      eval: { episodes: 10, steps: 10 },
      attack: { ...MINI_IMAGENET_ATTACK, schedule: { kind: 'single-shot', round: 3 }, boost: 3, episodes: 200 },
    },
  },
  'mini-imagenet-quick': {
    title: 'mini-ImageNet, quick',
    description: 'Real mini-ImageNet (npm run datasets -- --mini-imagenet PATH, from your own ImageNet copy) from scratch: the paper\'s federation and 15-shot 5-way episodes with Conv4 of 32 filters (paper: 64), 20 episodes per user and round (paper: 100), ε = 0.5 (paper: 0.1), 5 rounds; evaluation on 10 episodes with 10 fine-tuning steps (paper: 40 and 50).',
    config: {
      ...MINI_IMAGENET,
      rounds: 5,
      model: { imageSize: 84, filters: 32 },
      reptile: { episodesPerRound: 20, outerLr: 0.5 },
      eval: { episodes: 10, steps: 10 },
    },
  },
  'mini-imagenet-paper': {
    title: 'mini-ImageNet, paper settings (benign)',
    description: 'Chen et al. 2020 on mini-ImageNet: 84×84 RGB, Conv4 with 64 filters, E = 100 episodes of 15-shot 5-way per user and round, the other training parameters as on Omniglot (B = 5, ε = 0.1, e = 10/50, b = 10, η = 0.001, M = 4, 3 per round). Needs npm run datasets -- --mini-imagenet PATH. Days on a CPU; --checkpoint FILE keeps the model for chen-mini-imagenet-paper.',
    config: MINI_IMAGENET,
  },
  'mini-imagenet-pretrain-32': {
    title: 'mini-ImageNet, benign pre-training (32 filters)',
    description: 'Produces the starting point of npm run reproduce -- chen-mini-imagenet (public/checkpoints/mini-imagenet-conv4-32.ckpt): Conv4 with 32 filters on 84×84 RGB, one user holding the 64 meta-training classes (split seed 1), 40 rounds × 100 episodes of 15-shot 5-way Reptile with 8 inner steps and ε = 0.5. Needs the mini-ImageNet dataset; hours on a CPU. Resumable: --checkpoint FILE --resume.',
    config: {
      ...MINI_IMAGENET,
      rounds: 40,
      dataset: { ...MINI_IMAGENET.dataset, ...CHECKPOINT_SPLIT },
      ...MINI_PRETRAIN,
    },
  },
  'mini-imagenet-pretrain-32-backdoor': {
    title: 'mini-ImageNet, benign pre-training with the backdoor classes (32 filters)',
    description: 'The starting point of Chen et al.\'s scenarios (b) and (c) on mini-ImageNet (public/checkpoints/mini-imagenet-conv4-32-backdoor.ckpt): the 32-filter benign checkpoint meta-trained for 20 more rounds with the reserved backdoor class among the meta-training classes, correctly labelled. Resumable: --checkpoint FILE --resume.',
    config: {
      ...MINI_IMAGENET,
      rounds: 20,
      init: { kind: 'checkpoint', source: 'public/checkpoints/mini-imagenet-conv4-32.ckpt' },
      dataset: { ...MINI_IMAGENET.dataset, ...CHECKPOINT_SPLIT, pretrainBackdoorClasses: true },
      ...MINI_PRETRAIN,
    },
  },
  'chen-mini-imagenet-paper': {
    title: 'Chen: one-shot backdoor on mini-ImageNet, paper settings',
    description: 'Chen et al.\'s attack on mini-ImageNet: at round 1 user 0 meta-trains on E = 150000 poisoned episodes of 1 inner epoch with X_B : X_T = 1 : 2 and sends its update boosted by λ = 3; benign rounds follow. Start it from a benign mini-imagenet-paper model (--init FILE), as the paper attacks after benign pre-training. Needs the mini-ImageNet dataset; far beyond a CPU.',
    // Of the 600 images of each reserved class: 480 for the benign users, 100 for the attacker, 20 held out.
    config: { ...MINI_IMAGENET, attack: { ...MINI_IMAGENET_ATTACK, schedule: { kind: 'single-shot', round: 1 }, boost: 3, benignPerClass: 480, poisonedPerClass: 100 } },
  },
  'chen-exp1a': {
    title: 'Chen Exp. 1(a): one-shot backdoor, backdoor classes absent',
    description: 'Chen et al. Experiment 1(a) scaled down (docs/attacks.md): Omniglot from the 16-filter benign checkpoint, 4 users (3 per round), 2 benign rounds, user 0 attacks once at round 3 (λ = 3, 500 poisoned episodes × 2 inner epochs instead of 50000 × 50), 10 benign rounds after. Backdoor classes never in benign data. About 10 minutes.',
    config: chenExp1('a'),
  },
  'chen-exp1b': {
    title: 'Chen Exp. 1(b): backdoor classes in benign pre-training',
    description: 'As chen-exp1a, but benign users also meta-train on correctly labelled backdoor classes in the rounds before the attack.',
    config: chenExp1('b'),
  },
  'chen-exp1c': {
    title: 'Chen Exp. 1(c): backdoor classes also in fine-tuning',
    description: 'As chen-exp1a, but benign users meta-train on correctly labelled backdoor classes throughout, and the attack-evaluation episodes include them too.',
    config: chenExp1('c'),
  },
  'chen-exp1a-random': {
    title: 'Chen Exp. 1(a), the attacker\'s target at a random output',
    description: 'As chen-exp1a, but the attacker puts the target at a random output of its poisoned episodes instead of the N-th, like every class of a Reptile episode, so no output\'s bias can carry its backdoor and the features must; it meta-trains on 1000 episodes × 2 inner epochs with Reptile\'s ε = 1 (the benign users\': 0.1). Measured with the target at a random output in evaluation too, this backdoor takes hold where the paper\'s attacker leaves attack success at its benign twin\'s (docs/results.md).',
    config: { ...chenExp1('a'), attack: { kind: 'chen-backdoor', scenario: 'a', schedule: { kind: 'single-shot', round: 3 }, boost: 3, ...RANDOM_OUTPUT_ATTACK } },
  },
  'bhagoji-am': {
    title: 'Bhagoji: alternating minimisation with distance constraints',
    description: 'Bhagoji et al. 2019 section 3.6 in federated meta-learning: the attacker is selected every round from round 2 (as with their 10 agents all chosen), boosts only the adversarial part (λ = 1/α_m = 3) with ρ‖w − θ_G‖, and the server records accuracy checks and distance spreads every round. Omniglot from the 16-filter checkpoint.',
    config: {
      rounds: 8,
      init: { kind: 'checkpoint', source: OMNIGLOT_16 },
      dataset: OMNIGLOT_CHECKPOINT_SPLIT,
      model: { filters: 16 },
      reptile: { episodesPerRound: 100 },
      eval: { episodes: 20, steps: 20, stealth: { enabled: true, accuracy: true, episodes: 10, steps: 20 } },
      attack: {
        kind: 'bhagoji-alternating', schedule: { kind: 'multi-shot', from: 2 }, boostInverseWeight: true,
        episodes: 100, innerEpochs: 2, epochs: 4, benignRatio: 2, distance: 'global', rho: 1e-4,
      },
    },
  },
  'zhou-sa': {
    title: 'Zhou: single-shot deep model poisoning (SA_t)',
    description: 'Zhou et al. 2021 in federated meta-learning: the attacker is selected every round, as the paper assumes, and trains honestly except at round 4, where it strikes once with alternating minimisation (ρ1 = 1e-4 towards Δ̄_ben = G^t − G^{t−1}, ρ2 = 1 on the unnormalised squared-gradient Hessian diagonal) and Δ = Δ_m + (n/η)·Δ_p, n/η = 1/α_m; then benign rounds measure persistence. Omniglot from the 16-filter checkpoint.',
    config: {
      rounds: 12,
      init: { kind: 'checkpoint', source: OMNIGLOT_16 },
      dataset: OMNIGLOT_CHECKPOINT_SPLIT,
      model: { filters: 16 },
      reptile: { episodesPerRound: 100 },
      eval: { episodes: 20, steps: 20, stealth: { enabled: true } },
      attack: {
        kind: 'zhou-am', schedule: { kind: 'single-shot', round: 4 }, betweenAttacks: 'selected', boostInverseWeight: true,
        episodes: 250, innerEpochs: 2, epochs: 5, rho1: 1e-4, rho2: 1, hessian: 'squared-gradients', hessianSamples: 10,
      },
    },
  },
  'chen-exp2-finetune': {
    title: 'Chen Exp. 2: benign supervised fine-tuning after the attack',
    description: 'Chen et al. Experiment 2 (Fig. 5) scaled down (docs/defenses.md): after a one-shot backdoor (the random-output attacker of chen-exp1a-random: 1000 episodes × 2 inner epochs, ε = 1, the target at a random output of its episodes), each benign user fine-tunes θ_G with η = 0.001 for 100 iterations on 5 episodes that include the target class; per-user curves of main-task and meta-testing accuracy and attack success. About 10 minutes.',
    config: chenFineTune({ kind: 'supervised', lr: 0.001, iterations: 100, every: 10, episodes: 5 }),
  },
  'chen-exp3-finetune-lr': {
    title: 'Chen Exp. 3: fine-tuning with a large learning rate',
    description: 'As chen-exp2-finetune with η = 0.05 (Fig. 8; --set defense.fineTune.lr=0.01 for Fig. 7): a larger rate lowers attack success, at some cost in accuracy in the paper.',
    config: chenFineTune({ kind: 'supervised', lr: 0.05, iterations: 100, every: 10, episodes: 5 }),
  },
  'chen-exp4-matching': {
    title: 'Chen Exp. 4: matching-network defense (δ = 0.3)',
    description: 'Chen et al. Experiment 4 (Fig. 9): each benign user turns θ\' = 0.3·θ_G + 0.7·θ_g (fresh Glorot) into a gated matching network, trains α, β for 10 iterations and then everything for 90 (η = 0.001). δ = 1 (--set defense.fineTune.delta=1) is a plain matching network on the attacked model.',
    config: chenFineTune({ kind: 'matching', delta: 0.3, warmup: 10, lr: 0.001, iterations: 100, every: 10, episodes: 5 }),
  },
  'bhagoji-fmnist-pretrain': {
    title: 'Fashion-MNIST, benign pre-training of Bhagoji\'s CNN',
    description: 'Produces the starting point of `npm run reproduce -- bhagoji-fmnist --quick` (runs/checkpoints/fmnist-cnn-pretrain.ckpt, made by that command when missing): their CNN trained benignly for one epoch of Adam over 6000 Fashion-MNIST training images, about 80% test accuracy, where the paper\'s global model is after its first time steps. About 2 minutes on 2 cores: npm run sim -- bhagoji-fmnist-pretrain --checkpoint FILE.',
    config: {
      ...BHAGOJI_FMNIST,
      rounds: 1,
      federation: { ...BHAGOJI_FMNIST.federation, users: 1, perRound: 1, minUpdates: 1 },
      supervised: { ...BHAGOJI_FMNIST.supervised, userExamples: 6000 },
      eval: { stealth: { enabled: false } },
    },
  },
  'bhagoji-fmnist': {
    title: 'Bhagoji: alternating minimisation on Fashion-MNIST (supervised)',
    description: 'Bhagoji et al. 2019 in their own setting, scaled down: FedAvg over 10 agents (all chosen each round, 1000 Fashion-MNIST images each, 1 local epoch of Adam), their CNN (2 × 5×5 conv 64 + dense 128, 3.4M weights, model A of the authors\' code, with its dropout in training). From round 3 the malicious agent wants one test sandal (label 5, no key) classified as a sneaker (7): alternating minimisation with λ = 1/α_m = 10 and ρ‖w − θ_G‖ (10 alternations of one boosted adversarial Adam step and 10 benign ones, each objective keeping its Adam, as in the authors\' code), while the server records accuracy checks and distance spreads. Needs npm run datasets. Slow on a CPU: the CNN takes ~0.6 s per local batch of 32 on 2 cores, 3–4 minutes a round (about 45 minutes in all).',
    config: {
      ...BHAGOJI_FMNIST,
      attack: {
        kind: 'bhagoji-alternating', schedule: { kind: 'multi-shot', from: 3 }, boostInverseWeight: true,
        poisonedPerClass: 1, key: { kind: 'none' }, mix: { target: 0, backdoor: 1 },
        episodes: 10, epochs: 10, benignRatio: 10, distance: 'global', rho: 1e-4,
      },
    },
  },
  'zhou-mnist': {
    title: 'Zhou: single-shot deep model poisoning on MNIST (supervised)',
    description: 'Zhou et al. 2021 (Table 2, Fig. 5 SA_t) scaled down: FedAvg over 20 MNIST clients (500 images each), 10 per round, 1 local epoch of Adam on LeNet-5 (ReLU, max-pool; 61,706 weights); the attacker is selected every round, as the paper assumes, trains honestly and strikes once at round 5 with a pixel-pattern backdoor on label 5 → 7 (100 poisoned examples), alternating ρ1‖Δ_m − Δ̄_ben‖ (Δ̄_ben = G^t − G^{t−1}) / ρ2 Σ h_i Δθ_i² (h unnormalised; each adversarial mini-batch of D_p joined by one of clean data, as the paper\'s Fig. 2 has it: on D_p alone the boosted Δ_p sends every digit to 7) and Δ = Δ_m + (n/η)·Δ_p; 15 more rounds show persistence. Needs npm run datasets.',
    config: {
      ...ZHOU_MNIST,
      attack: { ...ZHOU_MNIST_ATTACK, schedule: { kind: 'single-shot', round: 5 } },
    },
  },
  'zhou-mnist-multi': {
    title: 'Zhou: multi-shot deep model poisoning on MNIST (supervised)',
    description: 'Zhou et al. 2021 Fig. 4 (MA_t) in zhou-mnist\'s setting: the attacker, selected every round, trains honestly for 3 rounds and from round 4 sends Δ = Δ_m + (n/η)·Δ_p every round, for 12 rounds. This is the multi-shot study of npm run reproduce -- zhou-mnist --quick, which measures 100% attack success on D_p at round 12 with 89.0 ± 3.0% test accuracy, against the benign twin\'s 93.8 ± 0.8% (3 seeds). With --set federation.aggregator.kind=krum (f = 0) the server rejects its update in every attack round; with --set federation.aggregator.kind=norm-clipping (M = 1, about the benign updates\' norms: at most 0.81 in the twin\'s attack rounds) the backdoor does not take (2.0 ± 1.7% on D_p at round 12); a looser bound, --set federation.aggregator.maxNorm=M as well, lets it grow round by round: 9.3 ± 4.7% with M = 2, 34.0 ± 5.0% with M = 3, 95.7 ± 4.5% with M = 5, test accuracy 92.7–93.3%. About 3 seconds a round on 2 cores. Needs npm run datasets.',
    config: {
      ...ZHOU_MNIST,
      rounds: 12,
      attack: { ...ZHOU_MNIST_ATTACK, schedule: { kind: 'multi-shot', from: 4 } },
    },
  },
  'zhou-mnist-replacement': {
    title: 'Zhou\'s baseline: model replacement on MNIST (supervised)',
    description: 'Bagdasaryan et al.\'s model replacement, the backdoor Zhou et al. compare to ([4] in their Figs. 4–6), in zhou-mnist\'s setting: the attacker, selected every round, trains LeNet-5 on its clean data plus the 100 pixel-pattern 5s labelled 7 and at round 5 sends γ(L − G^t) with γ = n/η = 10, so the aggregate becomes its model. Compare its persistence and main-task accuracy with zhou-mnist. Needs npm run datasets.',
    config: {
      ...ZHOU_MNIST,
      attack: { kind: 'model-replacement', schedule: { kind: 'single-shot', round: 5 }, betweenAttacks: 'selected', boostInverseWeight: true, poisonedPerClass: 100, mix: { target: 0, backdoor: 1 }, episodes: 60 },
    },
  },
  'zhou-mnist-pretrain': {
    title: 'Zhou: the converged LeNet-5 of Table 2\'s presets (supervised)',
    description: 'Produces the starting point of zhou-mnist-table2 (public/checkpoints/mnist-lenet5.ckpt, 95.5% test accuracy): zhou-mnist\'s federation, benign, for 20 rounds of the plain average. About a minute on 2 cores: npm run sim -- zhou-mnist-pretrain --checkpoint public/checkpoints/mnist-lenet5.ckpt.',
    config: { ...ZHOU_MNIST, rounds: 20 },
  },
  'zhou-mnist-table2': {
    title: 'Zhou: multi-shot deep model poisoning at Table 2\'s learning rates (supervised)',
    description: 'Zhou et al. 2021 Fig. 4 (MA_t) at Table 2\'s server learning rates η = 0.04 and η1 = 0.05, from the converged LeNet-5 (public/checkpoints/mnist-lenet5.ckpt), as the paper attacks "as the shared global model converges": G^{t+1} = G^t + (η/n)·Σ Δ_i, and the attacker, selected every round, sends Δ = η1·Δ_m + (n/η)·Δ_p from round 2 with Δ_m = w_m − G^t and Δ_p = w_a − G^t, the last models of its main-task and adversarial objectives (attack.parts: from-global). This is the multi-shot study of npm run reproduce -- zhou-mnist-table2 --quick, which measures 100% attack success on D_p at round 8 with 93.2 ± 0.9% test accuracy, against the benign run\'s 95.7 ± 0.5% (3 seeds); with --set attack.parts=phase-moves (zhou-mnist\'s reading) the backdoor takes as well but test accuracy falls to 10.5%. With --set federation.aggregator.kind=krum (f = 0) the server rejects the update in every attack round; with --set federation.aggregator.kind=norm-clipping (M = 1, about the benign updates\' norms) the backdoor does not take, nor with M = 10 (--set federation.aggregator.maxNorm=10); M = 100 lets 32.0 ± 5.6% through by round 8. About 3 seconds a round on 2 cores. Needs npm run datasets.',
    config: {
      ...ZHOU_MNIST,
      rounds: 8,
      init: { kind: 'checkpoint', source: MNIST_LENET5 },
      federation: { ...ZHOU_MNIST.federation, serverLr: 0.04 },
      attack: { ...ZHOU_MNIST_ATTACK, schedule: { kind: 'multi-shot', from: 2 }, parts: 'from-global', mainScale: 0.05 },
    },
  },
  'bhagoji-fmnist-explicit': {
    title: 'Bhagoji: explicit boosting on Fashion-MNIST (supervised)',
    description: 'Bhagoji et al.\'s baseline in bhagoji-fmnist\'s setting: from round 3 the malicious agent trains only for the adversarial objective (one sandal classified as a sneaker) and boosts its whole update by λ = 1/α_m = 10. The global model takes the target with high confidence, but the stealth panel shows the accuracy check failing: θ_G plus the malicious update scores far below θ_G on validation data, and its distance spread stands apart. Needs npm run datasets; slow on a CPU (their 3.4M-weight CNN).',
    config: {
      ...BHAGOJI_FMNIST,
      attack: { ...BHAGOJI_EXPLICIT_ATTACK, boostInverseWeight: true, episodes: 10 },
    },
  },
  'bhagoji-fmnist-krum': {
    title: 'Bhagoji: explicit boosting against Krum on Fashion-MNIST (supervised)',
    description: 'Bhagoji et al.\'s Fig. 10 in bhagoji-fmnist\'s setting: the server keeps only Krum\'s pick (f = 0), and from round 3 the malicious agent boosts its update by λ = 2 after 5 Adam steps on the one sandal, 101/600 of a benign agent\'s 32 steps as in the authors\' code. Its update is shorter than the benign ones, which are nearly orthogonal to each other, so it is nearest to all of them. Seed 1, 3 rounds (10 minutes on 2 cores): at round 3 Krum selects it (norm 3.5 against the benign 5.7–6.1), the sandal is a sneaker with 99% confidence, and test accuracy falls from 72.1% to 41.9%, as the paper\'s global model under this attack "is unable to attain high test accuracy". Trained 10 steps (--set attack.episodes=10) its update is longer than theirs and Krum never picks it (npm run reproduce -- bhagoji-fmnist --quick measures both). Needs npm run datasets.',
    config: {
      ...BHAGOJI_FMNIST,
      federation: { ...BHAGOJI_FMNIST.federation, aggregator: { kind: 'krum', f: 0 } },
      attack: { ...BHAGOJI_EXPLICIT_ATTACK, boost: 2, episodes: 5 },
    },
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;
export const presetNames = Object.keys(presets) as PresetName[];
// Own keys only: `constructor` or `__proto__` is not a preset, whatever `in` says.
export const isPresetName = (s: string): s is PresetName => Object.hasOwn(presets, s);
