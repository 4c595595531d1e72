import type { ConfigInput } from '../../engine/config/schema';
import { chenScales, exp1Attack } from './chenOmniglot';
import { exp1AtLength, persistenceScales } from './chenPersistence';
import type { Study } from './plan';
import type { Scale, ScaleName } from './reproduction';

/**
 * Experiment 1(a) at the paper's length with the paper's attacker (the target on the N-th output of
 * its poisoned episodes), scored two ways: with the target at a random output of each evaluation
 * episode (the honest metric of every other section), and on the N-th output, where that attacker
 * puts it (the placement through which the last output's bias alone can score). Its attack is
 * chen-omniglot's at the same scale; rounds, evaluation and checkpoint are chen-omniglot-persistence's.
 */
export interface PaperPersistenceScale extends Scale {
  rounds: number;
  evalEvery: number;
  /** The paper's attacker: its meta-training episodes (× 2 inner epochs). */
  attackEpisodes: number;
  base: ConfigInput;
  /** Scenario (a)'s checkpoint; null: from scratch (tiny). */
  checkpoint: string | null;
}

/** Where the target sits in evaluation episodes, and the study that scores it there. */
export const PLACEMENTS = [
  { placement: 'random', id: 'exp1-a', title: 'the target at a random output in evaluation' },
  { placement: 'last', id: 'exp1-a-last', title: 'the target on the N-th output in evaluation' },
] as const;

function scale(name: ScaleName, notes: (attackEpisodes: number) => string[]): PaperPersistenceScale {
  const p = persistenceScales[name], attackEpisodes = chenScales[name].attackEpisodes;
  return { name, seeds: p.seeds, rounds: p.rounds, evalEvery: p.evalEvery, attackEpisodes, base: p.base, checkpoint: p.checkpoints?.a ?? null, notes: notes(attackEpisodes) };
}

const attackerNote = (episodes: number) => `The paper's attacker: the target on the N-th output of its poisoned episodes, ${episodes} episodes × 2 inner epochs (paper: 50000 × 50), Reptile's ε = 0.1 as the benign users', λ = 3, at round 1.`;

const CHECKPOINT_NOTE = 'Conv4 with 16 filters (paper: 64) from the benign checkpoint of chen-omniglot\'s scenario (a); each seed draws its 1 target and 4 backdoor classes from 4 + 16 candidates.';
const USERS_NOTE = 'E = 100 episodes per user and round (paper: 1000), 4 users, 3 per round.';

export const paperPersistenceScales: Record<ScaleName, PaperPersistenceScale> = {
  full: scale('full', (n) => [
    CHECKPOINT_NOTE, USERS_NOTE,
    '50 benign rounds after the attack, as in the paper; evaluated at round 0, right after the attack (round 1) and every 10 rounds, on 40 episodes with 50 fine-tuning steps (the paper\'s evaluation).',
    attackerNote(n),
  ]),
  quick: scale('quick', (n) => [
    CHECKPOINT_NOTE, USERS_NOTE,
    '10 benign rounds after the attack (paper: 50); evaluation on 10 episodes with 20 fine-tuning steps (paper: 40 and 50).',
    attackerNote(n),
  ]),
  tiny: scale('tiny', () => persistenceScales.tiny.notes),
};

/** Experiment 1(a) with the paper's attacker, once per evaluation placement, each with its benign twin. */
export const paperPersistenceStudies = (s: PaperPersistenceScale): Study[] => PLACEMENTS.map(({ placement, id, title }) => ({
  id, title: `Experiment 1(a) over ${s.rounds - 1} benign rounds, the paper's attacker, ${title}`,
  series: ['attacked', 'twin'] as const,
  config: exp1AtLength(s, s.checkpoint, exp1Attack('a', s.attackEpisodes), { attackTargetPlacement: placement }),
}));
