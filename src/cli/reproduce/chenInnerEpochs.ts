import type { ConfigInput } from '../../engine/config/schema';
import { CHECKPOINT_A, chenScales, exp1Attack, omniglotBase } from './chenOmniglot';
import { exp1AtLength } from './chenPersistence';
import type { Study } from './plan';
import type { Scale, ScaleName } from './reproduction';

/**
 * The attacker's other training length: inner epochs. The paper's attacker meta-trains on 50000
 * episodes × 50 inner epochs; every other section runs 2 inner epochs and lengthens only the
 * episodes (flat from 2000 on for the paper's attacker). Here Experiment 1(a)'s attack round is run
 * at 2 up to the paper's 50 inner epochs on the same episodes, by both attackers, each scored at a
 * random output right after the attack, beside one benign twin (the same seed without the attack,
 * whichever attacker it stands in for).
 */
export interface InnerEpochsScale extends Scale {
  /** The attacker's meta-training episodes at every point of the curve. */
  episodes: number;
  /** Inner epochs per episode, the curve's points (the paper: 50). */
  innerEpochs: number[];
  /** The random-output attacker's Reptile step (the paper's attacker takes the benign users' 0.1). */
  randomOuterLr: number;
  base: ConfigInput;
  /** Scenario (a)'s checkpoint; null: from scratch (tiny). */
  checkpoint: string | null;
}

export const ATTACKERS = [
  { kind: 'paper', name: 'paper\'s attacker (target on output N)' },
  { kind: 'random', name: 'random-output attacker (ε = 1)' },
] as const;
export type AttackerKind = (typeof ATTACKERS)[number]['kind'];

/** The study of `attacker` trained `innerEpochs` inner epochs per episode. */
export const epochsStudy = (attacker: AttackerKind, innerEpochs: number) => `${attacker}-e${innerEpochs}`;
/** The study whose twin series is every point's benign twin: the first point of the paper's attacker. */
export const twinStudy = (s: InnerEpochsScale) => epochsStudy('paper', s.innerEpochs[0]);

const SHARED_NOTES = [
  'Conv4 with 16 filters (paper: 64) from the benign checkpoint of chen-omniglot (scenario (a)); each seed draws its 1 target and 4 backdoor classes from 4 + 16 candidates.',
  'E = 100 episodes per user and round (paper: 1000), 4 users, 3 per round; the attack round only (round 1), λ = 3.',
];
const attackersNote = (episodes: number, epochs: number[], outerLr: number) =>
  `Both attackers meta-train on ${episodes} episodes (paper: 50000) × ${epochs.join(', ')} inner epochs (paper: 50): the paper's (the target on the N-th output of its poisoned episodes, Reptile's ε = 0.1 as the benign users') and the random-output one (the target at a random output, ε = ${outerLr}); both scored with the target at a random output of each evaluation episode.`;

export const innerEpochsScales: Record<ScaleName, InnerEpochsScale> = {
  full: {
    name: 'full', seeds: 3, episodes: 500, innerEpochs: [2, 10, 50], randomOuterLr: chenScales.full.randomTarget!.outerLr,
    base: omniglotBase(40, 50), checkpoint: CHECKPOINT_A,
    notes: [...SHARED_NOTES, attackersNote(500, [2, 10, 50], 1), 'Evaluated before and right after the attack on 40 episodes with 50 fine-tuning steps (the paper\'s evaluation).'],
  },
  quick: {
    name: 'quick', seeds: 3, episodes: 100, innerEpochs: [2, 10, 50], randomOuterLr: chenScales.quick.randomTarget!.outerLr,
    base: omniglotBase(10, 20), checkpoint: CHECKPOINT_A,
    notes: [...SHARED_NOTES, attackersNote(100, [2, 10, 50], 1), 'Evaluation on 10 episodes with 20 fine-tuning steps (paper: 40 and 50).'],
  },
  tiny: {
    name: 'tiny', seeds: 1, episodes: 10, innerEpochs: [1, 2], randomOuterLr: 1,
    base: chenScales.tiny.base, checkpoint: null,
    notes: ['A smoke test of the command on synthetic glyphs (seconds): no number in it means anything.'],
  },
};

/** Experiment 1(a)'s attack round for each attacker and inner-epoch count; the first study carries the benign twin. */
export function innerEpochsStudies(s: InnerEpochsScale): Study[] {
  return ATTACKERS.flatMap(({ kind, name }) => s.innerEpochs.map((e): Study => {
    const attack = { ...exp1Attack('a', s.episodes, kind === 'random' ? { outerLr: s.randomOuterLr } : undefined), innerEpochs: e };
    const id = epochsStudy(kind, e);
    return {
      id, title: `Experiment 1(a), the ${name} trained on ${s.episodes} episodes × ${e} inner epochs, the attack round only`,
      series: id === twinStudy(s) ? ['attacked', 'twin'] : ['attacked'],
      config: exp1AtLength({ ...s, rounds: 1, evalEvery: 1 }, s.checkpoint, attack, { attackTargetPlacement: 'random' }),
    };
  }));
}
