import { mergeConfig, parseConfig } from '../../engine/config/parse';
import type { ConfigInput } from '../../engine/config/schema';
import { CHECKPOINT_A, CHECKPOINT_BC, chenScales, exp1Attack, omniglotBase, scenarioCheckpoint } from './chenOmniglot';
import type { Study } from './plan';
import type { Scale, ScaleName } from './reproduction';

/**
 * Chen et al.'s Experiment 1 at the paper's length: the one-shot attack at round 1, then 50 rounds
 * of benign meta-training (Fig. 3), which `chen-omniglot` scales down to 2. Its attacker is the
 * random-output one (the target at a random output of its poisoned episodes, Reptile's ε = 1):
 * measured honestly, the paper's attacker plants nothing whose persistence could be followed
 * (docs/results.md, chen-omniglot).
 */
export interface PersistenceScale extends Scale {
  /** Rounds in all: the attack at round 1, then rounds − 1 benign ones. */
  rounds: number;
  evalEvery: number;
  scenarios: readonly ('a' | 'b' | 'c')[];
  /** The random-output attacker: its meta-training episodes (× 2 inner epochs) and Reptile step. */
  attacker: { episodes: number; outerLr: number };
  base: ConfigInput;
  /** Checkpoints of scenario (a) and of (b)/(c); null: from scratch (tiny). */
  checkpoints: { a: string; bc: string } | null;
}

const fullAttacker = chenScales.full.randomTarget!;
const quickAttacker = chenScales.quick.randomTarget!;
const SHARED_NOTES = [
  'Conv4 with 16 filters (paper: 64) from the benign checkpoints of chen-omniglot; each seed draws its 1 target and 4 backdoor classes from 4 + 16 candidates.',
  'E = 100 episodes per user and round (paper: 1000), 4 users, 3 per round.',
];

export const persistenceScales: Record<ScaleName, PersistenceScale> = {
  full: {
    name: 'full', seeds: 3, rounds: 51, evalEvery: 10, scenarios: ['a', 'b', 'c'],
    attacker: { episodes: fullAttacker.episodes, outerLr: fullAttacker.outerLr },
    base: omniglotBase(40, 50), checkpoints: { a: CHECKPOINT_A, bc: CHECKPOINT_BC },
    notes: [
      ...SHARED_NOTES,
      '50 benign rounds after the attack, as in the paper; evaluated at round 0, right after the attack (round 1) and every 10 rounds, on 40 episodes with 50 fine-tuning steps (the paper\'s evaluation).',
      `The random-output attacker (not the paper's): the target at a random output of its poisoned episodes, ${fullAttacker.episodes} episodes × 2 inner epochs (paper: 50000 × 50), Reptile's ε = ${fullAttacker.outerLr} (the benign users': 0.1).`,
    ],
  },
  quick: {
    name: 'quick', seeds: 3, rounds: 11, evalEvery: 5, scenarios: ['a'],
    attacker: { episodes: quickAttacker.episodes, outerLr: quickAttacker.outerLr },
    base: omniglotBase(10, 20), checkpoints: { a: CHECKPOINT_A, bc: CHECKPOINT_BC },
    notes: [
      ...SHARED_NOTES,
      'Scenario (a) only, 10 benign rounds after the attack (paper: 50); evaluation on 10 episodes with 20 fine-tuning steps (paper: 40 and 50).',
      `The random-output attacker (not the paper's): ${quickAttacker.episodes} episodes × 2 inner epochs (paper: 50000 × 50), Reptile's ε = ${quickAttacker.outerLr}.`,
    ],
  },
  tiny: {
    name: 'tiny', seeds: 1, rounds: 3, evalEvery: 2, scenarios: ['a', 'c'],
    attacker: { episodes: 10, outerLr: 1 },
    base: chenScales.tiny.base, checkpoints: null,
    notes: ['A smoke test of the command on synthetic glyphs (seconds): no number in it means anything.'],
  },
};

/**
 * Experiment 1 at a persistence run's length: from `checkpoint`, `attack` (at round 1), evaluated
 * right after the attack and every `evalEvery` rounds, with `evalPatch` on top.
 */
export const exp1AtLength = (s: Pick<PersistenceScale, 'base' | 'rounds' | 'evalEvery'>, checkpoint: string | null, attack: object, evalPatch: object = {}) =>
  parseConfig(mergeConfig(structuredClone(s.base), {
    ...(checkpoint ? { init: { kind: 'checkpoint', source: checkpoint } } : {}),
    rounds: s.rounds,
    eval: { every: s.evalEvery, afterAttacks: true, ...evalPatch },
    attack,
  } as ConfigInput));

/** Experiment 1 for each scenario of the scale, each with its benign twin, ids as in chen-omniglot. */
export function persistenceStudies(s: PersistenceScale): Study[] {
  return s.scenarios.map((sc) => ({
    id: `exp1-${sc}-random`,
    title: `Experiment 1(${sc}) over ${s.rounds - 1} benign rounds, the attacker's target at a random output`,
    series: ['attacked', 'twin'] as const,
    config: exp1AtLength(s, scenarioCheckpoint(s.checkpoints, sc), exp1Attack(sc, s.attacker.episodes, { outerLr: s.attacker.outerLr })),
  }));
}
