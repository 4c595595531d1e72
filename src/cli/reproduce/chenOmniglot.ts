import { mergeConfig, parseConfig } from '../../engine/config/parse';
import { OMNIGLOT_CHECKPOINT_SPLIT } from '../../engine/config/presets';
import type { ConfigInput } from '../../engine/config/schema';
import type { Study } from './plan';
import type { Scale } from './reproduction';

/** Benign 16-filter Omniglot meta-models (omniglot-pretrain-16 and omniglot-pretrain-16-backdoor). */
export const CHECKPOINT_A = 'public/checkpoints/omniglot-conv4-16.ckpt';
export const CHECKPOINT_BC = 'public/checkpoints/omniglot-conv4-16-backdoor.ckpt';

/** A scenario's starting point: (a)'s checkpoint, or for (b) and (c) the one pre-trained with the backdoor classes; null: from scratch. */
export const scenarioCheckpoint = (c: { a: string; bc: string } | null, sc: 'a' | 'b' | 'c'): string | null => (c ? (sc === 'a' ? c.a : c.bc) : null);

/** How far a reproduction scales the paper down; every departure is listed in `notes`. */
export interface ChenScale extends Scale {
  /** Rounds of Experiment 1 (attack at round 1, the rest benign). */
  exp1Rounds: number;
  evalEvery: number;
  /** Attacker's meta-training episodes (× attack.innerEpochs inner epochs) in every attack run. */
  attackEpisodes: number;
  /** The attacker-training-length curve: episodes per point besides attackEpisodes (Experiment 1(a)'s attack). */
  attackLengths: number[];
  /**
   * Experiment 1 once more with an attacker that puts the target at a random output of its
   * poisoned episodes (attack.targetLabel 'random'), so its backdoor has to live in the features,
   * meta-training `episodes` with Reptile's ε = `outerLr`; `lengths`: that attacker's training-length
   * curve. Absent: not run.
   */
  randomTarget?: { episodes: number; outerLr: number; lengths: number[] };
  fineTune: { iterations: number; every: number; episodes: number };
  /** δ of the appendix beside the paper's δ = 0.3. */
  deltas: number[];
  /** Experiment 3's rates (the paper: 0.01 and 0.05). */
  lrs: number[];
  base: ConfigInput;
  /** Checkpoints of scenario (a) and of (b)/(c); null: from scratch (tiny). */
  checkpoints: { a: string; bc: string } | null;
}

export const omniglotBase = (evalEpisodes: number, evalSteps: number): ConfigInput => ({
  model: { filters: 16 },
  dataset: OMNIGLOT_CHECKPOINT_SPLIT,
  reptile: { episodesPerRound: 100 },
  // Right after the attack round too, whatever evalEvery is: the paper's "after the attack" numbers.
  eval: { episodes: evalEpisodes, steps: evalSteps, afterAttacks: true },
});

export const chenScales: Record<ChenScale['name'], ChenScale> = {
  full: {
    name: 'full', seeds: 3, exp1Rounds: 51, evalEvery: 5, attackEpisodes: 2000, attackLengths: [100, 300, 1000, 4000],
    randomTarget: { episodes: 2000, outerLr: 1, lengths: [250, 1000, 4000] },
    fineTune: { iterations: 500, every: 50, episodes: 10 }, deltas: [0.2, 0.4, 0.6, 1], lrs: [0.01, 0.05],
    base: omniglotBase(40, 50), checkpoints: { a: CHECKPOINT_A, bc: CHECKPOINT_BC },
    notes: [
      'Conv4 with 16 filters (paper: 64) from a benign checkpoint at 91.5% meta-testing accuracy (paper: > 99%).',
      'Each seed draws its 1 target and 4 backdoor classes from 4 + 16 candidates; meta-testing on the other 403 characters (paper: one fixed pair of classes, 418 meta-testing characters).',
      'E = 100 episodes per user and round (paper: 1000); the attacker meta-trains on 2000 episodes × 2 inner epochs (paper: 50000 × 50).',
      'A second attacker, not the paper\'s, puts the target at a random output of its poisoned episodes and meta-trains on 2000 episodes × 2 inner epochs with Reptile\'s ε = 1 (the benign users\' ε: 0.1); Experiment 1 runs with both attackers, Experiments 2–4 after this one\'s update.',
      'Fine-tuning: 10 episodes per user (paper: 40), 500 iterations as in the paper; the matching network trains only α and β for the first 3 (paper: "a few").',
    ],
  },
  quick: {
    name: 'quick', seeds: 3, exp1Rounds: 3, evalEvery: 1, attackEpisodes: 500, attackLengths: [100, 1500],
    randomTarget: { episodes: 1000, outerLr: 1, lengths: [250, 2000] },
    fineTune: { iterations: 30, every: 10, episodes: 2 }, deltas: [1], lrs: [0.01, 0.05],
    base: omniglotBase(10, 20), checkpoints: { a: CHECKPOINT_A, bc: CHECKPOINT_BC },
    notes: [
      'Conv4 with 16 filters (paper: 64) from a benign checkpoint at 91.5% meta-testing accuracy (paper: > 99%).',
      'Each seed draws its 1 target and 4 backdoor classes from 4 + 16 candidates; meta-testing on the other 403 characters (paper: one fixed pair of classes, 418 meta-testing characters).',
      'Experiment 1: 2 benign rounds after the attack (paper: 50); E = 100 episodes per user and round (paper: 1000).',
      'The attacker meta-trains on 500 episodes × 2 inner epochs (paper: 50000 × 50).',
      'A second attacker, not the paper\'s, puts the target at a random output of its poisoned episodes and meta-trains on 1000 episodes × 2 inner epochs with Reptile\'s ε = 1 (the benign users\' ε: 0.1); Experiment 1 runs with both attackers, Experiments 2–4 after this one\'s update.',
      'Evaluation on 10 episodes with 20 fine-tuning steps (paper: 40 and 50).',
      'Fine-tuning: 2 episodes per user, 30 iterations (paper: 40 and 500); Experiment 4 at δ = 0.3 and δ = 1 (the appendix\'s δ ∈ {0.2, 0.4} too in the full run).',
    ],
  },
  tiny: {
    name: 'tiny', seeds: 1, exp1Rounds: 2, evalEvery: 1, attackEpisodes: 10, attackLengths: [5],
    randomTarget: { episodes: 10, outerLr: 1, lengths: [5] },
    fineTune: { iterations: 2, every: 1, episodes: 1 }, deltas: [1], lrs: [0.05],
    base: {
      dataset: { name: 'synthetic', syntheticClasses: 45, syntheticPerClass: 24, metaTrainClasses: 24, metaTestClasses: 11, rotations: 1, validationPerClass: 2, splitSeed: 1, reservedPool: 2 },
      model: { filters: 4 },
      task: { trainShots: 5, testShots: 5 },
      reptile: { episodesPerRound: 5, innerSteps: 2 },
      eval: { episodes: 2, steps: 2 },
    },
    checkpoints: null,
    notes: ['A smoke test of the command on synthetic glyphs (seconds): no number in it means anything.'],
  },
};


/** Experiment 1's one-shot attack at round 1 (λ = 3, 2 inner epochs): the paper's attacker, or with `outerLr` the random-output one. */
export const exp1Attack = (scenario: 'a' | 'b' | 'c', episodes: number, random?: { outerLr: number }) => ({
  kind: 'chen-backdoor', scenario, schedule: { kind: 'single-shot', round: 1 }, boost: 3, episodes, innerEpochs: 2,
  ...(random ? { targetLabel: 'random', outerLr: random.outerLr } : {}),
});

/**
 * A study that lets benign users fine-tune after scenario (a)'s one-shot attack at round 1, with `ft`
 * over the scale's fine-tuning settings. Its attacker is the random-output one where the scale has
 * one: measured honestly, the paper's attacker leaves no backdoor for fine-tuning or a defense to remove.
 */
/**
 * The matching network's warm-up, iterations that train only the gates α and scales β: "a few" in
 * the paper (section 5), so 3 at every scale (fewer where fine-tuning is shorter), and θ' trains from
 * iteration 4 on, well before iteration 50, where the paper reads meta-testing accuracy.
 */
export const MATCHING_WARMUP = 3;
export const matchingWarmup = (iterations: number): number => Math.max(1, Math.min(MATCHING_WARMUP, iterations - 1));

export function fineTuneStudy(s: ChenScale, id: string, title: string, ft: Record<string, unknown>): Study {
  const init = s.checkpoints ? { init: { kind: 'checkpoint', source: s.checkpoints.a } } : {};
  const attack = exp1Attack('a', s.randomTarget?.episodes ?? s.attackEpisodes, s.randomTarget);
  return {
    id, title, series: ['attacked', 'twin'],
    config: parseConfig(mergeConfig(structuredClone(s.base), { ...init, rounds: 1, attack, defense: { fineTune: { ...s.fineTune, ...ft } } } as ConfigInput)),
  };
}

/**
 * Chen et al. 2020's experiments on Omniglot (section 4, appendix A.2): Experiment 1 (a, b, c),
 * Experiment 2 (η = 0.001), 3 (larger η), 4 (matching network, δ), and the attacker-training-length
 * curve that stands in for the paper's 50000 × 50 attacker training.
 */
export function chenStudies(s: ChenScale): Study[] {
  const attack = (scenario: 'a' | 'b' | 'c', episodes = s.attackEpisodes) => exp1Attack(scenario, episodes);
  const init = (scenario: 'a' | 'b' | 'c') => (s.checkpoints ? { init: { kind: 'checkpoint', source: scenarioCheckpoint(s.checkpoints, scenario) } } : {});
  const make = (patch: ConfigInput) => parseConfig(mergeConfig(structuredClone(s.base), patch));
  const both = ['attacked', 'twin'] as const;
  const studies: Study[] = [];
  for (const sc of ['a', 'b', 'c'] as const) {
    studies.push({
      id: `exp1-${sc}`, title: `Experiment 1(${sc})`, series: both,
      config: make({ ...init(sc), rounds: s.exp1Rounds, eval: { every: s.evalEvery }, attack: attack(sc) } as ConfigInput),
    });
  }
  // Experiment 1(a) scored with the target on the N-th output in evaluation too, where the attacker
  // puts it: the placement through which a model can score by that output's bias alone
  // (eval.attackTargetPlacement, docs/attacks.md), to read the paper's numbers against.
  studies.push({
    id: 'exp1-a-last', title: 'Experiment 1(a), the target on the N-th output in evaluation', series: both,
    config: make({ ...init('a'), rounds: s.exp1Rounds, eval: { every: s.evalEvery, attackTargetPlacement: 'last' }, attack: attack('a') } as ConfigInput),
  });
  // Experiment 1 with an attacker whose target sits at a random output of its own episodes, like
  // every class of a Reptile episode: no output's bias can carry its backdoor, the features must.
  const rt = s.randomTarget;
  const randomAttack = (sc: 'a' | 'b' | 'c', episodes = rt?.episodes ?? s.attackEpisodes) => exp1Attack(sc, episodes, rt);
  if (rt) {
    for (const sc of ['a', 'b', 'c'] as const) {
      studies.push({
        id: `exp1-${sc}-random`, title: `Experiment 1(${sc}), the attacker's target at a random output`, series: both,
        config: make({ ...init(sc), rounds: s.exp1Rounds, eval: { every: s.evalEvery }, attack: randomAttack(sc) } as ConfigInput),
      });
    }
    for (const len of rt.lengths) {
      studies.push({
        id: `length-random-${len}`, title: `Attacker training, target at a random output: ${len} episodes`, series: ['attacked'],
        config: make({ ...init('a'), rounds: 1, attack: randomAttack('a', len) } as ConfigInput),
      });
    }
  }
  const fineTune = (id: string, title: string, ft: Record<string, unknown>) => studies.push(fineTuneStudy(s, id, title, ft));
  fineTune('exp2', 'Experiment 2: fine-tuning, η = 0.001', { kind: 'supervised', lr: 0.001 });
  for (const lr of s.lrs) fineTune(`exp3-lr${lr}`, `Experiment 3: fine-tuning, η = ${lr}`, { kind: 'supervised', lr });
  const warmup = matchingWarmup(s.fineTune.iterations);
  for (const delta of [0.3, ...s.deltas]) fineTune(`exp4-delta${delta}`, `Experiment 4: matching network, δ = ${delta}`, { kind: 'matching', delta, lr: 0.001, warmup });
  for (const len of s.attackLengths) {
    studies.push({
      id: `length-${len}`, title: `Attacker training: ${len} episodes`, series: ['attacked'],
      config: make({ ...init('a'), rounds: 1, attack: attack('a', len) } as ConfigInput),
    });
  }
  return studies;
}
