import { chenClaims, chenFigures } from './chenReport';
import { chenScales, chenStudies, type ChenScale } from './chenOmniglot';
import { chenMiniScale, chenMiniStudies } from './chenMiniImagenet';
import { persistenceScales, persistenceStudies, type PersistenceScale } from './chenPersistence';
import { persistenceClaims, persistenceFigures } from './chenPersistenceReport';
import { paperPersistenceScales, paperPersistenceStudies, type PaperPersistenceScale } from './chenPaperPersistence';
import { paperPersistenceClaims, paperPersistenceFigures } from './chenPaperPersistenceReport';
import { innerEpochsScales, innerEpochsStudies, type InnerEpochsScale } from './chenInnerEpochs';
import { innerEpochsClaims, innerEpochsFigures } from './chenInnerEpochsReport';
import { chenMiniClaims } from './chenMiniReport';
import { A3_STUDY, fineTuneScales, fineTuneStudies } from './chenFineTune';
import { a3Claims, fineTuneClaims, fineTuneFigures } from './chenFineTuneReport';
import { exp1Frame } from './chenReport';
import { bhagojiCheckpoints, bhagojiScales, bhagojiStudies, type BhagojiScale } from './bhagojiFmnist';
import { bhagojiClaims, bhagojiFigures } from './bhagojiReport';
import type { Reproduction } from './reproduction';
import { zhouScales, zhouStudies, type ZhouScale } from './zhouMnist';
import { zhouClaims, zhouFigures } from './zhouReport';
import { zhouTable2Checkpoints, zhouTable2Scales, zhouTable2Studies, type ZhouTable2Scale } from './zhouTable2';
import { zhouTable2Claims, zhouTable2Figures } from './zhouTable2Report';

const chenOmniglot: Reproduction<ChenScale> = {
  title: 'Chen et al. 2020 on Omniglot',
  about: 'Attack success is measured with the target at a random output of each evaluation episode (`eval.attackTargetPlacement: random`), so a model cannot score through the last output\'s bias. A benign model does not score exactly 1/N = 20% either: where keyed images of the (unseen) backdoor classes land depends on how they resemble the target and the other classes of the episode. Each seed therefore draws its own target class and 4 backdoor classes, out of 4 candidate targets and 16 candidate backdoor classes set aside by the split (`dataset.reservedPool: 4`), so that a mean over seeds is a mean over class pairs and not one pair\'s accident; and each number stands beside the benign twin\'s, the same seed and classes without the attack. Experiment 1(a) is scored a second time with the target on the N-th output of every evaluation episode, where the paper\'s attacker puts it in its own (`last`): the two rows so marked show what that placement measures, next to the paper\'s numbers. Experiment 1 runs a second time with an attacker that is not the paper\'s: it puts the target at a random output of its own poisoned episodes, so that only the features can carry its backdoor, and takes larger Reptile steps (ε = 1) to get there in laptop time; its rows say so.',
  scale: (name) => chenScales[name],
  studies: chenStudies,
  figures: chenFigures,
  claims: chenClaims,
};

const chenPersistence: Reproduction<PersistenceScale> = {
  title: 'Chen et al. 2020 on Omniglot: Experiment 1 over 50 benign rounds',
  about: 'The persistence of the one-shot backdoor at the paper\'s length (Fig. 3: the attack at round 1, then 50 rounds of benign meta-training), which the section above scales down to 2 rounds. Metrics, classes and benign twins as above (the target at a random output of each evaluation episode). The attacker is the random-output one, not the paper\'s: measured honestly, the paper\'s attacker leaves attack success at its twin\'s, so there is no backdoor of its to follow.',
  scale: (name) => persistenceScales[name],
  studies: persistenceStudies,
  figures: persistenceFigures,
  claims: persistenceClaims,
};

const chenPaperPersistence: Reproduction<PaperPersistenceScale> = {
  title: 'Chen et al. 2020 on Omniglot: Experiment 1 over 50 benign rounds, the paper\'s attacker',
  about: 'The paper\'s own attacker, which puts the target on the N-th output of its poisoned episodes, followed over the paper\'s 50 benign rounds. Scenario (a) is scored two ways: with the target at a random output of each evaluation episode, as every other section, and on the N-th output, where that attacker puts it, so that the last output\'s bias alone can score. The second is the reading that the paper\'s Fig. 3 can be set against; the first says whether a backdoor lives in the features. Scenarios (b) and (c) are scored on the N-th output. Classes and benign twins as above: each twin is scored the same way as its attacked run.',
  scale: (name) => paperPersistenceScales[name],
  studies: paperPersistenceStudies,
  figures: paperPersistenceFigures,
  claims: paperPersistenceClaims,
};

const chenInnerEpochs: Reproduction<InnerEpochsScale> = {
  title: 'Chen et al. 2020 on Omniglot: the attacker\'s inner epochs',
  about: 'The paper\'s attacker meta-trains on 50000 episodes × 50 inner epochs; the sections above train it 2 inner epochs and lengthen only the episodes. Here Experiment 1(a)\'s attack round runs at up to the paper\'s 50 inner epochs on the same episodes, by the paper\'s attacker (the target on the N-th output of its poisoned episodes) and by the random-output one, both scored with the target at a random output of each evaluation episode, as every other section. All points share one benign twin per seed: the same seed and classes without the attack.',
  scale: (name) => innerEpochsScales[name],
  studies: innerEpochsStudies,
  figures: innerEpochsFigures,
  claims: innerEpochsClaims,
};

const chenFineTune: Reproduction<ChenScale> = {
  title: 'Chen et al. 2020 on Omniglot: Experiments 2–4, fine-tuning after the attack',
  about: 'Benign users fine-tune the attacked meta-model on their own episodes, supervised (Experiments 2 and 3) or as a matching network from δθ_G + (1 − δ)θ_glorot (Experiment 4 and appendix A.2), at the paper\'s 500 iterations, which the `chen-omniglot` section scales down to 30. Metrics, classes and benign twins as there (the target at a random output of each evaluation episode); every number is the mean over the benign users, at the last iteration unless the row says otherwise.',
  scale: (name) => fineTuneScales[name],
  studies: fineTuneStudies,
  figures: fineTuneFigures,
  claims: (r, s) => { const frame = exp1Frame(r, 'exp2'); return [frame.before, ...fineTuneClaims(r, s), ...a3Claims(r, A3_STUDY), frame.twinAtChance]; },
};

const chenMiniImagenet: Reproduction<ChenScale> = {
  title: 'Chen et al. 2020 on mini-ImageNet',
  about: 'Awaiting a run by someone with ImageNet: its images may not be redistributed, so this section has numbers only once a user builds the dataset from their own copy (`npm run datasets -- --mini-imagenet PATH`), trains the two benign checkpoints and runs the command. Metrics as on Omniglot, each beside the benign twin. The checks quote the paper\'s mini-ImageNet numbers (section 4 and the abstract).',
  scale: chenMiniScale,
  studies: chenMiniStudies,
  figures: chenFigures,
  claims: chenMiniClaims,
};

const zhouMnist: Reproduction<ZhouScale> = {
  title: 'Zhou et al. 2021 on MNIST',
  about: 'Supervised FedAvg (no meta-learning), the attacker selected every round (MA_t / SA_t as the paper assumes). Attack success is the share of the attacker\'s poisoned set D_p (5s with the pixel-pattern key) classified as 7, and of held-out keyed 5s; a benign model scores near 0% on both.',
  scale: (name) => zhouScales[name],
  studies: zhouStudies,
  figures: zhouFigures,
  claims: zhouClaims,
};

const zhouMnistTable2: Reproduction<ZhouTable2Scale> = {
  title: 'Zhou et al. 2021 on MNIST at Table 2\'s learning rates',
  about: 'The section above with the server\'s learning rate of Table 2, η = 0.04 (η1 = 0.05), from a converged model, and eq. 4 read two ways: Δ_m and Δ_p each a model update, the last model of its objective less G^t ("from G^t", `attack.parts: from-global`), or Δ_p the sum of the adversarial phases\' moves ("phase moves", the section above). The benign run is the single-shot study\'s twin: the same seed without the attack. Attack success as above.',
  scale: (name) => zhouTable2Scales[name],
  studies: zhouTable2Studies,
  checkpoints: zhouTable2Checkpoints,
  figures: zhouTable2Figures,
  claims: zhouTable2Claims,
};

const bhagojiFmnist: Reproduction<BhagojiScale> = {
  title: 'Bhagoji et al. 2019 on Fashion-MNIST',
  about: 'Supervised FedAvg over 10 agents, one malicious, attacking every round from the first attack round. "Acc. Mal" is the server\'s accuracy check: the validation accuracy of θ_G plus the malicious update, next to "Acc. Global", θ_G\'s own.',
  scale: (name) => bhagojiScales[name],
  studies: bhagojiStudies,
  checkpoints: bhagojiCheckpoints,
  figures: bhagojiFigures,
  claims: bhagojiClaims,
};

/** Every reproduction `npm run reproduce` knows, by the name on its command line. */
export const reproductions: Record<string, Reproduction> = {
  'chen-omniglot': chenOmniglot as Reproduction,
  'chen-omniglot-persistence': chenPersistence as Reproduction,
  'chen-omniglot-paper-persistence': chenPaperPersistence as Reproduction,
  'chen-omniglot-inner-epochs': chenInnerEpochs as Reproduction,
  'chen-omniglot-finetune': chenFineTune as Reproduction,
  'chen-mini-imagenet': chenMiniImagenet as Reproduction,
  'zhou-mnist': zhouMnist as Reproduction,
  'zhou-mnist-table2': zhouMnistTable2 as Reproduction,
  'bhagoji-fmnist': bhagojiFmnist as Reproduction,
};

export const isReproduction = (name: string): boolean => Object.hasOwn(reproductions, name);
