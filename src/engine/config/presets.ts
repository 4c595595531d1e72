import type { ConfigInput } from './schema';

export interface Preset {
  title: string;
  description: string;
  config: ConfigInput;
}

/**
 * Named experiments. The paper preset keeps every default (Chen et al.'s settings); the others
 * scale the same algorithm down to what a 2-core laptop runs in seconds or minutes.
 */
export const presets = {
  'synthetic-tiny': {
    title: 'Synthetic glyphs, tiny',
    description: 'Procedural glyphs generated from the seed (no files); a few seconds. For tests and a first look.',
    config: {
      rounds: 3,
      dataset: { name: 'synthetic', syntheticClasses: 65, syntheticPerClass: 12, metaTrainClasses: 40, metaTestClasses: 20, rotations: 1, validationPerClass: 2 },
      model: { filters: 8 },
      task: { trainShots: 5, testShots: 5 },
      reptile: { episodesPerRound: 10, innerSteps: 5 },
      eval: { episodes: 10, steps: 10 },
    },
  },
  'classroom-demo': {
    title: 'Classroom demo: a backdoor on Omniglot',
    description: 'The app\'s opening run (needs `npm run datasets`): 4 users on Omniglot, one browser worker each, a small Conv4. Six benign rounds lift meta-testing accuracy from about 70% towards 80%; at round 6 user 0 sends one boosted backdoored update (λ = 10); six more rounds show whether it persists; then every benign user tries the matching-network defense (δ = 0.3). A few minutes on a 2-core laptop.',
    config: {
      rounds: 12,
      dataset: { name: 'omniglot', metaTrainClasses: 200, metaTestClasses: 100, rotations: 1 },
      model: { filters: 16 },
      task: { ways: 5, trainShots: 5, testShots: 5 },
      reptile: { episodesPerRound: 20, innerSteps: 5, innerLr: 0.003, outerLr: 0.5 },
      eval: { episodes: 20, steps: 10 },
      attack: { kind: 'chen-backdoor', schedule: { kind: 'single-shot', round: 6 }, episodes: 400, innerSteps: 5, boost: 10 },
      defense: { fineTune: { kind: 'matching', delta: 0.3, iterations: 40, every: 10, episodes: 3, warmup: 10 } },
    },
  },
  'classroom-synthetic': {
    title: 'Classroom demo on synthetic glyphs',
    description: 'The classroom demo without any download: procedural glyphs generated from the seed, the same federation, backdoor at round 6 (λ = 10) and matching-network defense (δ = 0.3). The app falls back to it when Omniglot is not built.',
    config: {
      rounds: 12,
      dataset: { name: 'synthetic', syntheticClasses: 125, syntheticPerClass: 20, metaTrainClasses: 80, metaTestClasses: 40, rotations: 1, validationPerClass: 2 },
      model: { filters: 16 },
      task: { ways: 5, trainShots: 5, testShots: 5 },
      reptile: { episodesPerRound: 20, innerSteps: 5, innerLr: 0.003, outerLr: 0.5 },
      eval: { episodes: 20, steps: 10 },
      attack: { kind: 'chen-backdoor', schedule: { kind: 'single-shot', round: 6 }, episodes: 400, innerSteps: 5, boost: 10 },
      defense: { fineTune: { kind: 'matching', delta: 0.3, iterations: 40, every: 10, episodes: 3, warmup: 10 } },
    },
  },
  'omniglot-quick': {
    title: 'Omniglot, quick',
    description: 'Real Omniglot, the paper\'s algorithm with fewer filters, episodes and rounds: minutes on a laptop CPU.',
    config: {
      rounds: 10,
      model: { filters: 32 },
      reptile: { episodesPerRound: 50 },
      eval: { episodes: 20, steps: 20 },
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
  'omniglot-paper': {
    title: 'Omniglot, paper settings',
    description: 'Chen et al. 2020 section 4: Conv4 with 64 filters, E = 1000 episodes of 10-shot 5-way per round, B = 5, ε = 0.1, e = 10/50, b = 10, η = 0.001, M = 4 users, 3 per round. Hours on a CPU.',
    config: {},
  },
} satisfies Record<string, Preset>;

export type PresetName = keyof typeof presets;
export const presetNames = Object.keys(presets) as PresetName[];
export const isPresetName = (s: string): s is PresetName => s in presets;
