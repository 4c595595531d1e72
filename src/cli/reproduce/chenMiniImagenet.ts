import { existsSync } from 'node:fs';
import { mergeConfig, parseConfig } from '../../engine/config/parse';
import type { ConfigInput } from '../../engine/config/schema';
import { findDatasetDir } from '../../node/loadDataset';
import { chenStudies, type ChenScale } from './chenOmniglot';
import type { Study } from './plan';
import type { ScaleName } from './reproduction';

/**
 * Chen et al. 2020's experiments on mini-ImageNet: the Omniglot studies (chenOmniglot.ts) with
 * mini-ImageNet's data, episodes and attacker (15-shot 5-way, E = 150000 × 1 inner epoch scaled
 * down, X_B : X_T = 1 : 2, a 12-pixel key on 84×84), from benign Conv4 checkpoints of 32 filters
 * that the user trains first (the presets mini-imagenet-pretrain-32 and -backdoor), because the
 * images can only come from the user's own ImageNet copy.
 */
export const MINI_CHECKPOINT_A = 'public/checkpoints/mini-imagenet-conv4-32.ckpt';
export const MINI_CHECKPOINT_BC = 'public/checkpoints/mini-imagenet-conv4-32-backdoor.ckpt';

const miniBase = (evalEpisodes: number, evalSteps: number): ConfigInput => ({
  dataset: { name: 'mini-imagenet', metaTrainClasses: 64, metaTestClasses: 20, rotations: 1, reservedBackdoor: 1, classRoles: 'origin', splitSeed: 1 },
  model: { imageSize: 84, filters: 32 },
  task: { trainShots: 15 },
  reptile: { episodesPerRound: 100 },
  eval: { episodes: evalEpisodes, steps: evalSteps, afterAttacks: true },
});

/** Mini-ImageNet's attacker, laid over the Omniglot studies' chen-backdoor attack. */
const MINI_ATTACK = { innerEpochs: 1, mix: { target: 2, backdoor: 1 }, key: { kind: 'patch', size: 12, margin: 3 } };
/** Benign users' examples of each reserved class at the full and quick scales: at least K = 15. */
const MINI_BENIGN_PER_CLASS = 20;
const PAPER_NOTES = [
  'Conv4 with 32 filters (paper: 64) from benign checkpoints the user trains first (mini-imagenet-pretrain-32 and mini-imagenet-pretrain-32-backdoor).',
  'Ravi & Larochelle\'s split decides the roles, as in the paper: its 64 train classes meta-train, its 20 test classes meta-test, and 1 target and 1 backdoor class are drawn (split seed 1) from its 16 val classes.',
];

export const chenMiniScales: Record<ScaleName, ChenScale> = {
  full: {
    name: 'full', seeds: 3, exp1Rounds: 51, evalEvery: 5, attackEpisodes: 2000, attackLengths: [100, 300, 1000, 4000],
    fineTune: { iterations: 500, every: 50, episodes: 10 }, deltas: [0.2, 0.4, 1], lrs: [0.01, 0.05],
    base: miniBase(40, 50), checkpoints: { a: MINI_CHECKPOINT_A, bc: MINI_CHECKPOINT_BC },
    notes: [...PAPER_NOTES, 'The attacker meta-trains on 2000 episodes × 1 inner epoch (paper: 150000 × 1); E = 100 episodes per user and round as in the paper.', 'Fine-tuning: 10 episodes per user (paper: 40), 500 iterations as in the paper.'],
  },
  quick: {
    name: 'quick', seeds: 3, exp1Rounds: 3, evalEvery: 1, attackEpisodes: 300, attackLengths: [100, 1000],
    fineTune: { iterations: 30, every: 10, episodes: 2 }, deltas: [], lrs: [0.01, 0.05],
    base: { ...miniBase(10, 20), reptile: { episodesPerRound: 20 } }, checkpoints: { a: MINI_CHECKPOINT_A, bc: MINI_CHECKPOINT_BC },
    notes: [...PAPER_NOTES, 'Experiment 1: 2 benign rounds after the attack (paper: 50); E = 20 episodes per user and round (paper: 100); the attacker meta-trains on 300 episodes × 1 inner epoch (paper: 150000 × 1).', 'Evaluation on 10 episodes with 20 fine-tuning steps (paper: 40 and 50); fine-tuning 2 episodes per user, 30 iterations (paper: 40 and 500).'],
  },
  tiny: {
    name: 'tiny', seeds: 1, exp1Rounds: 2, evalEvery: 1, attackEpisodes: 10, attackLengths: [5],
    fineTune: { iterations: 2, every: 1, episodes: 1 }, deltas: [1], lrs: [0.05],
    base: {
      dataset: { name: 'synthetic-rgb', syntheticClasses: 45, syntheticPerClass: 24, metaTrainClasses: 24, metaTestClasses: 16, rotations: 1, validationPerClass: 2, splitSeed: 1 },
      model: { filters: 4, imageSize: 16 },
      task: { trainShots: 5, testShots: 5 },
      reptile: { episodesPerRound: 5, innerSteps: 2 },
      eval: { episodes: 2, steps: 2 },
    },
    checkpoints: null,
    notes: ['A smoke test of the command on coloured glyphs (16×16 RGB, seconds): no number in it means anything.'],
  },
};

/** What a scale needs that only the user can make; empty when it can run. */
export function missingForScale(s: ChenScale, datasetExists = (): boolean => { try { findDatasetDir('mini-imagenet'); return true; } catch { return false; } }): string[] {
  if (s.name === 'tiny') return [];
  const missing: string[] = [];
  if (!datasetExists()) missing.push('the mini-ImageNet dataset (public/datasets/mini-imagenet): build it from your own ImageNet copy with `npm run datasets -- --mini-imagenet PATH` (docs/datasets.md)');
  if (s.checkpoints && !existsSync(s.checkpoints.a)) missing.push(`the benign checkpoint ${s.checkpoints.a}: \`npm run sim -- mini-imagenet-pretrain-32 --checkpoint ${s.checkpoints.a}\``);
  if (s.checkpoints && !existsSync(s.checkpoints.bc)) missing.push(`the checkpoint with the backdoor classes ${s.checkpoints.bc}: then \`npm run sim -- mini-imagenet-pretrain-32-backdoor --checkpoint ${s.checkpoints.bc}\``);
  return missing;
}

/** The scale, or an error saying what to build first (before any run starts). */
export function chenMiniScale(name: ScaleName): ChenScale {
  const s = chenMiniScales[name];
  const missing = missingForScale(s);
  if (missing.length) {
    throw new Error(`chen-mini-imagenet needs ${missing.length === 1 ? '' : 'first '}${missing.join('; and ')}. ` +
      'ImageNet\'s terms forbid redistributing its images, so nobody can ship them; `--tiny` runs the command on coloured glyphs instead.');
  }
  return s;
}

export function chenMiniStudies(s: ChenScale): Study[] {
  const attack = s.name === 'tiny' ? MINI_ATTACK : { ...MINI_ATTACK, benignPerClass: MINI_BENIGN_PER_CLASS };
  return chenStudies(s).map((st) => (st.config.attack.kind === 'none' ? st : { ...st, config: parseConfig(mergeConfig(structuredClone(st.config), { attack })) }));
}
