import type { ConfigInput } from '../../engine/config/schema';
import { chenScales, exp1Attack, scenarioCheckpoint } from './chenOmniglot';
import { exp1AtLength, persistenceScales } from './chenPersistence';
import type { Study } from './plan';
import type { Scale, ScaleName } from './reproduction';

/**
 * Experiment 1 at the paper's length with the paper's attacker (the target on the N-th output of
 * its poisoned episodes). Scenario (a) is scored two ways: with the target at a random output of
 * each evaluation episode (the honest metric of every other section), and on the N-th output, where
 * that attacker puts it (the placement through which the last output's bias alone can score);
 * (b) and (c) on the N-th output, the placement the paper's Fig. 3b and 3c can be set against. Its
 * attack is chen-omniglot's at the same scale; rounds, evaluation and checkpoints are
 * chen-omniglot-persistence's.
 */
export interface PaperPersistenceScale extends Scale {
  rounds: number;
  evalEvery: number;
  /** The paper's attacker: its meta-training episodes (× 2 inner epochs). */
  attackEpisodes: number;
  base: ConfigInput;
  /** Scenarios beside (a), each scored on the N-th output. */
  scenarios: readonly ('b' | 'c')[];
  /**
   * Longer attacker trainings (episodes), each scored at a random output right after the attack: does
   * the paper's attacker plant anything that lives in the features, given more training than attackEpisodes?
   */
  lengths: number[];
  /** Checkpoints of scenario (a) and of (b)/(c); null: from scratch (tiny). */
  checkpoints: { a: string; bc: string } | null;
}

/** Where the target sits in evaluation episodes, as the study titles say it. */
export const PLACEMENTS = [
  { placement: 'random', title: 'the target at a random output in evaluation' },
  { placement: 'last', title: 'the target on the N-th output in evaluation' },
] as const;

/** The study of scenario `sc` scored at `placement`: exp1-a, exp1-a-last, exp1-b-last, … */
export const paperStudyId = (sc: 'a' | 'b' | 'c', placement: 'random' | 'last') => `exp1-${sc}${placement === 'last' ? '-last' : ''}`;

/** The scale's Experiment 1 runs, as [scenario, placement]: (a) under both placements, the other scenarios on output N. */
export const paperRuns = (s: PaperPersistenceScale) =>
  [...PLACEMENTS.map((p) => ['a', p] as const), ...s.scenarios.map((sc) => [sc, PLACEMENTS[1]] as const)];

/** A scale: chen-omniglot-persistence's rounds, evaluation and checkpoints, chen-omniglot's attacker, `longer` times its length for the length curve. */
function scale(name: ScaleName, scenarios: readonly ('b' | 'c')[], longer: number[], notes: (attackEpisodes: number, lengths: number[]) => string[]): PaperPersistenceScale {
  const p = persistenceScales[name], attackEpisodes = chenScales[name].attackEpisodes, lengths = longer.map((k) => k * attackEpisodes);
  return { name, seeds: p.seeds, rounds: p.rounds, evalEvery: p.evalEvery, attackEpisodes, base: p.base, scenarios, lengths, checkpoints: p.checkpoints, notes: notes(attackEpisodes, lengths) };
}

/** The study of the paper's attacker trained on `episodes`, scored at a random output right after the attack. */
export const lengthStudy = (episodes: number) => `length-${episodes}`;

const attackerNote = (episodes: number) => `The paper's attacker: the target on the N-th output of its poisoned episodes, ${episodes} episodes × 2 inner epochs (paper: 50000 × 50), Reptile's ε = 0.1 as the benign users', λ = 3, at round 1.`;

const CHECKPOINT_NOTE = 'Conv4 with 16 filters (paper: 64) from the benign checkpoints of chen-omniglot (scenario (a)\'s, and for (b) and (c) the one pre-trained with the backdoor classes correctly labelled); each seed draws its 1 target and 4 backdoor classes from 4 + 16 candidates.';
const USERS_NOTE = 'E = 100 episodes per user and round (paper: 1000), 4 users, 3 per round.';

export const paperPersistenceScales: Record<ScaleName, PaperPersistenceScale> = {
  full: scale('full', ['b', 'c'], [2, 4, 8], (n, lengths) => [
    CHECKPOINT_NOTE, USERS_NOTE,
    'Scenario (a) scored at a random output and on the N-th output; (b) and (c) on the N-th output only, the placement the paper\'s Fig. 3b and 3c can be set against (the random output is what (a) shows the paper\'s attacker never leaves its twin at).',
    '50 benign rounds after the attack, as in the paper; evaluated at round 0, right after the attack (round 1) and every 10 rounds, on 40 episodes with 50 fine-tuning steps (the paper\'s evaluation).',
    attackerNote(n),
    `The same attacker trained longer, on ${lengths.join(', ')} episodes × 2 inner epochs, each scored at a random output right after the attack: the training-length curve past chen-omniglot's, which stops at 1500 episodes.`,
  ]),
  quick: scale('quick', [], [], (n) => [
    CHECKPOINT_NOTE, USERS_NOTE,
    'Scenario (a) only, 10 benign rounds after the attack (paper: 50); evaluation on 10 episodes with 20 fine-tuning steps (paper: 40 and 50).',
    attackerNote(n),
  ]),
  tiny: scale('tiny', ['c'], [2], () => persistenceScales.tiny.notes),
};

/**
 * The studies: scenario (a) once per evaluation placement, the scale's other scenarios on output N,
 * each with its benign twin; then (a)'s attack trained longer, at a random output, the attack round
 * only (its twin is exp1-a's: the same seed without the attack, whatever the attacker's length).
 */
export function paperPersistenceStudies(s: PaperPersistenceScale): Study[] {
  return [
    ...paperRuns(s).map(([sc, { placement, title }]): Study => ({
      id: paperStudyId(sc, placement),
      title: `Experiment 1(${sc}) over ${s.rounds - 1} benign rounds, the paper's attacker, ${title}`,
      series: ['attacked', 'twin'],
      config: exp1AtLength(s, scenarioCheckpoint(s.checkpoints, sc), exp1Attack(sc, s.attackEpisodes), { attackTargetPlacement: placement }),
    })),
    ...s.lengths.map((len): Study => ({
      id: lengthStudy(len), title: `The paper's attacker trained on ${len} episodes, the attack round only, ${PLACEMENTS[0].title}`, series: ['attacked'],
      config: exp1AtLength({ ...s, rounds: 1 }, scenarioCheckpoint(s.checkpoints, 'a'), exp1Attack('a', len), { attackTargetPlacement: 'random' }),
    })),
  ];
}
