import { chenClaims, chenFigures } from './chenReport';
import { chenScales, chenStudies, type ChenScale } from './chenOmniglot';
import type { Reproduction } from './reproduction';

const chenOmniglot: Reproduction<ChenScale> = {
  title: 'Chen et al. 2020 on Omniglot',
  about: 'Attack success is measured with the target at a random output of each evaluation episode (`eval.attackTargetPlacement: random`), so a model cannot score through the last output\'s bias; 1/N = 20% is chance for a benign model only on average over target classes (a backdoor class that looks like its target scores higher), which is why each number stands beside the benign twin\'s.',
  scale: (name) => chenScales[name],
  studies: chenStudies,
  figures: chenFigures,
  claims: chenClaims,
};

/** Every reproduction `npm run reproduce` knows, by the name on its command line. */
export const reproductions: Record<string, Reproduction> = {
  'chen-omniglot': chenOmniglot as Reproduction,
};

export const isReproduction = (name: string): boolean => Object.hasOwn(reproductions, name);
