import { mergeConfig, parseConfig } from '../../engine/config/parse';
import { MNIST_LENET5, presets } from '../../engine/config/presets';
import type { ConfigInput } from '../../engine/config/schema';
import type { Study } from './plan';
import type { CheckpointPrerequisite } from './prerequisites';
import type { Scale, ScaleName } from './reproduction';
import { configsFrom, defenseStudies, MODEL_POISONING_NOTE, type ZhouDefenseScale } from './zhouDefenses';
import { modelPoisoningAttack, replacementAttack } from './zhouMnist';

/**
 * Zhou et al. 2021 on MNIST at Table 2's server learning rates, η1/η = 0.05/0.04, from a converged
 * global model ("as the shared global model converges"), with eq. 4 under both readings of Δ_m and
 * Δ_p (attack.parts) beside model replacement. `zhou-mnist` runs the plain average (η = 1) instead.
 */
export interface ZhouTable2Scale extends Scale, ZhouDefenseScale {
  /** t of MA_t / SA_t: the first (or only) attack round. */
  attackRound: number;
  /** The benign pre-trained θ_G its runs start from (made when missing), or none: from Glorot. */
  pretrained: string | null;
  patch: Record<string, unknown>;
}

/** Table 2, MNIST. */
export const TABLE2 = { serverLr: 0.04, mainScale: 0.05 } as const;
/** The two readings of eq. 4, each a study: parts named as the config names them. */
export const READINGS = [['from-global', 'fg', 'Δ_m = w_m − G^t, Δ_p = w_a − G^t'], ['phase-moves', 'pm', 'Δ_p the adversarial phases\' moves']] as const;

/** The converged LeNet-5 (committed, 248 kB, for the app's preset; the command makes it when missing). */
export const ZHOU_PRETRAINED = MNIST_LENET5;
const PRETRAIN_ROUNDS = presets['zhou-mnist-pretrain'].config.rounds;
const pretrainCommand = (path: string) => `npm run sim -- zhou-mnist-pretrain --checkpoint ${path}`;

/** M = 1 is about the benign updates' norms here (0.7–0.9 before the attack); the curve goes up to past half the boosted update's. */
const CLIP_NORM = 1;
const CLIP_CURVE = [3, 10, 100];
const defenses = { clipNorm: CLIP_NORM, clipCurve: CLIP_CURVE, krumBaselines: true };

const notes = (rounds: number, attackRound: number) => [
  `Every run starts from LeNet-5 trained benignly by zhou-mnist's federation for ${PRETRAIN_ROUNDS} rounds of the plain average (${ZHOU_PRETRAINED}, committed; \`${pretrainCommand(ZHOU_PRETRAINED)}\` makes it, as the command does when it is missing), since the paper attacks "as the shared global model converges"; then ${rounds} rounds at η = 0.04, the attack at round ${attackRound}.`,
  'FedAvg over 20 MNIST clients, 10 per round, each with 500 images (paper: all of MNIST split non-i.i.d.), 1 local epoch of Adam (paper: IE = 5); the attacker selected every round.',
  `Table 2's η1 = ${TABLE2.mainScale} and η = ${TABLE2.serverLr}: G^{t+1} = G^t + (η/n)·Σ Δ_i, the attacker's n/η = 250; ρ1 = 1e-4, ρ2 = 1 (the paper gives no ρ); the adversarial phase on mini-batches of D_p joined by clean ones.`,
  'Eq. 4 read two ways: Δ_m and Δ_p as model updates, each the last model of its objective less G^t ("from G^t"), or Δ_p as the sum of the adversarial phases\' moves and Δ_m the rest ("phase moves", zhou-mnist\'s reading).',
  'Model replacement (Bagdasaryan et al., the paper\'s [4]): the same key and poisoned data, γ(L − G^t) with γ = n/η = 250.',
  `Fig. 6a with the proposed attack read from G^t: norm clipping with M = ${CLIP_NORM} (about the benign updates' norms), and M = ${CLIP_CURVE.join(', ')} (no M is given); Krum with f = 0 (no f is given).`,
  MODEL_POISONING_NOTE,
];

export const zhouTable2Scales: Record<ScaleName, ZhouTable2Scale> = {
  full: { name: 'full', seeds: 3, rounds: 40, attackRound: 10, pretrained: ZHOU_PRETRAINED, ...defenses, patch: {}, notes: notes(40, 10) },
  quick: { name: 'quick', seeds: 3, rounds: 8, attackRound: 2, pretrained: ZHOU_PRETRAINED, ...defenses, patch: {}, notes: notes(8, 2) },
  tiny: {
    name: 'tiny', seeds: 1, rounds: 3, attackRound: 2, pretrained: null, clipNorm: 1, clipCurve: [3], krumBaselines: true,
    patch: { dataset: { name: 'synthetic', syntheticClasses: 10, syntheticPerClass: 100 }, model: { imageSize: 16 }, supervised: { userExamples: 20, testExamples: 40 }, attack: { episodes: 3, epochs: 1, hessianSamples: 2, poisonedPerClass: 5 } },
    notes: ['A smoke test of the command on synthetic glyphs from Glorot (seconds): no number in it means anything.'],
  },
};

/** Study ids: `sa-fg`, `ma-pm`, `sa-replacement`, … */
export const studyId = (shots: 'sa' | 'ma', who: string) => `${shots}-${who}`;

/**
 * SA_t and MA_t, the proposed attack under each reading and model replacement, the SA_t from-G^t study
 * carrying the benign twin; then Fig. 6a's defenses against MA_t read from G^t.
 */
export function zhouTable2Studies(s: ZhouTable2Scale): Study[] {
  const init = s.pretrained ? { init: { kind: 'checkpoint', source: s.pretrained } } : {};
  const base = mergeConfig(structuredClone(presets['zhou-mnist'].config) as ConfigInput,
    { ...s.patch, ...init, rounds: s.rounds, federation: { serverLr: TABLE2.serverLr } }) as ConfigInput;
  const zhou = base.attack as Record<string, unknown>;
  const make = configsFrom(base);
  const sa = { kind: 'single-shot', round: s.attackRound }, ma = { kind: 'multi-shot', from: s.attackRound };
  const studies: Study[] = [];
  for (const [shots, schedule, name] of [['sa', sa, 'SA_t'], ['ma', ma, 'MA_t']] as const) {
    for (const [parts, who, what] of READINGS) {
      studies.push({
        id: studyId(shots, who), title: `${name}, proposed attack (${what})`,
        series: shots === 'sa' && parts === 'from-global' ? ['attacked', 'twin'] : ['attacked'],
        config: make({ schedule, parts, mainScale: TABLE2.mainScale }),
      });
    }
    studies.push({ id: studyId(shots, 'replacement'), title: `${name}, model replacement`, series: ['attacked'], config: make(replacementAttack(zhou, schedule)) });
  }
  return [...studies, ...defenseStudies(s, make, { proposed: { schedule: ma, parts: 'from-global', mainScale: TABLE2.mainScale }, replacement: replacementAttack(zhou, ma), poisoning: modelPoisoningAttack(zhou, ma) })];
}

/** The converged LeNet-5 the runs start from, when the scale has one. */
export const zhouTable2Checkpoints = (s: ZhouTable2Scale): CheckpointPrerequisite[] => s.pretrained
  ? [{ path: s.pretrained, command: pretrainCommand(s.pretrained), config: parseConfig(presets['zhou-mnist-pretrain'].config) }]
  : [];
