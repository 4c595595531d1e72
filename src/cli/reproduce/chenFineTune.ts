import { chenScales, chenStudies, fineTuneStudy, type ChenScale } from './chenOmniglot';
import type { Study } from './plan';
import type { ScaleName } from './reproduction';

/**
 * Chen et al.'s Experiments 2–4 on Omniglot alone: benign fine-tuning after the attack, supervised
 * (η = 0.001, 0.01, 0.05) and as a matching network from δθ_G + (1 − δ)θ_glorot for δ = 0.3 and
 * the appendix's 0.2, 0.4, 0.6 and 1, then supervised from δ = 0.3 (appendix A.3). The Experiment
 * 2–4 studies are `chen-omniglot`'s at the same scale (whose full run is 84 runs and many hours,
 * most of them Experiment 1), so their runs are interchangeable.
 */
const FINE_TUNE_STUDY = /^exp[234](-|$)/;

const SHARED_NOTES = [
  'Conv4 with 16 filters (paper: 64) from the benign checkpoint of chen-omniglot; each seed draws its 1 target and 4 backdoor classes from 4 + 16 candidates; scenario (a) only.',
  'Fine-tuning after the random-output attacker\'s one-shot update at round 1 (not the paper\'s attacker: measured honestly, the paper\'s leaves no backdoor for fine-tuning to remove; chen-omniglot\'s section).',
];

export const fineTuneScales: Record<ScaleName, ChenScale> = {
  full: {
    ...chenScales.full,
    notes: [
      ...SHARED_NOTES,
      `The attacker meta-trains on ${chenScales.full.randomTarget!.episodes} episodes × 2 inner epochs with Reptile's ε = 1 (paper: 50000 × 50, ε = 0.1), E = 100 episodes per benign user (paper: 1000).`,
      'Fine-tuning: 500 iterations as in the paper, on 10 episodes per benign user (paper: 40), measured every 50 iterations; the round-0 and round-1 evaluations on 40 episodes with 50 fine-tuning steps, as the paper evaluates.',
      'The matching network trains only its gates and scales (α, β) for the first 3 iterations (paper: "a few"), then θ\', α and β jointly, so θ\' has trained for 47 iterations at iteration 50, where the paper reads meta-testing accuracy.',
    ],
  },
  quick: {
    ...chenScales.quick, deltas: chenScales.full.deltas,
    notes: [
      ...SHARED_NOTES,
      `The attacker meta-trains on ${chenScales.quick.randomTarget!.episodes} episodes × 2 inner epochs with Reptile's ε = 1 (paper: 50000 × 50, ε = 0.1), E = 100 episodes per benign user (paper: 1000).`,
      'Fine-tuning: 30 iterations (paper: 500) on 2 episodes per benign user (paper: 40); evaluation on 10 episodes with 20 fine-tuning steps (paper: 40 and 50).',
    ],
  },
  tiny: chenScales.tiny,
};

/** The appendix A.3 study: supervised fine-tuning (η = 0.001) from δθ_G + (1 − δ)θ_glorot with δ = 0.3, as Fig. 9's matching network starts. */
export const A3_STUDY = 'a3-supervised-delta0.3';

/** chen-omniglot's Experiment 2–4 studies at the scale, then appendix A.3's. */
export const fineTuneStudies = (s: ChenScale): Study[] => [
  ...chenStudies(s).filter((study) => FINE_TUNE_STUDY.test(study.id)),
  fineTuneStudy(s, A3_STUDY, 'Appendix A.3: supervised fine-tuning from δ = 0.3', { kind: 'supervised', lr: 0.001, delta: 0.3 }),
];
