import { mergeConfig } from '../../engine/config/parse';
import { presets } from '../../engine/config/presets';
import type { ConfigInput } from '../../engine/config/schema';
import type { Study } from './plan';
import type { Scale, ScaleName } from './reproduction';
import { configsFrom, defenseStudies, MODEL_POISONING_NOTE, type ZhouDefenseScale } from './zhouDefenses';

/** Zhou et al. 2021 on MNIST (Table 2; Figs. 4, 5, 6a), scaled down. */
export interface ZhouScale extends Scale, ZhouDefenseScale {
  /** t of MA_t / SA_t: the first (or only) attack round. */
  attackRound: number;
  /** Eq. 4's second reading too (Δ_m and Δ_p from G^t) for Figs. 4 and 5, beside phase moves. */
  fromGlobal: boolean;
  patch: Record<string, unknown>;
}

const common = (rounds: number, clipNorm: number, curve: number[], full: boolean) => [
  `FedAvg over 20 MNIST clients, 10 per round (Table 2), with ${rounds} rounds; LeNet-5 (ReLU, max-pool); each client holds 500 images (paper: all of MNIST split non-i.i.d.) and trains 1 local epoch of Adam (paper: IE = 5).`,
  'Δ = Δ_m + (n/η)·Δ_p with η1 = 1 (paper: η1 = 0.05) and n/η = 1/α_m = 10; ρ1 = 1e-4, ρ2 = 1 on the unnormalised squared-gradient Hessian diagonal (the paper gives no ρ).',
  'The adversarial phase trains on mini-batches of D_p joined by clean ones (Fig. 2: "alternately trains a mini-batch of D_m and D_p"); "D_p alone" is eq. 3 read literally.',
  full
    ? 'Eq. 4 read two ways for Figs. 4 and 5: Δ_p as the sum of the adversarial phases\' moves and Δ_m the rest ("phase moves", every other study here), or Δ_m and Δ_p as model updates, each the last model of its objective less G^t ("from G^t"; zhou-mnist-table2 reads both at Table 2\'s η).'
    : 'Eq. 4 read as phase moves (Δ_p the sum of the adversarial phases\' moves, Δ_m the rest); the full scale reads it from G^t too, and runs Krum against model replacement and model poisoning as well (left out here to keep under 30 minutes).',
  'Model replacement (Bagdasaryan et al., the paper\'s [4]): the same pixel-pattern key and poisoned data, update γ(L − G^t) with γ = n/η.',
  `Norm clipping with M = ${clipNorm}, and with M = ${curve.join(', ')} for the proposed attack (no M is given); Krum with f = 0 (no f is given)${full ? '' : ', against the proposed attack only'}.`,
  MODEL_POISONING_NOTE,
];

/** Clipping bounds beside M = 1: about 2, 3 and 5 times the benign updates' norms in the attack rounds. */
const CLIP_CURVE = [2, 3, 5];

/**
 * The paper's setting at `rounds` rounds, 3 seeds, M = 1 and the curve, with notes that say so;
 * `full`: also eq. 4 from G^t and Krum against Fig. 6a's other attacks (the quick scale leaves them
 * out to keep under 30 minutes: 66 runs took 32m32s on 2 cores).
 */
const mnist = (name: ScaleName, rounds: number, attackRound: number, full: boolean): ZhouScale =>
  ({ name, seeds: 3, rounds, attackRound, clipNorm: 1, clipCurve: CLIP_CURVE, fromGlobal: full, krumBaselines: full, patch: {}, notes: common(rounds, 1, CLIP_CURVE, full) });

export const zhouScales: Record<ScaleName, ZhouScale> = {
  full: mnist('full', 40, 10, true),
  quick: mnist('quick', 12, 4, false),
  tiny: {
    name: 'tiny', seeds: 1, rounds: 3, attackRound: 2, clipNorm: 1, clipCurve: [2], fromGlobal: true, krumBaselines: true,
    patch: { dataset: { name: 'synthetic', syntheticClasses: 10, syntheticPerClass: 100 }, model: { imageSize: 16 }, supervised: { userExamples: 20, testExamples: 40 }, attack: { episodes: 3, epochs: 1, hessianSamples: 2, poisonedPerClass: 5 } },
    notes: ['A smoke test of the command on synthetic glyphs (seconds): no number in it means anything.'],
  },
};

/** Bagdasaryan et al.'s model replacement with the Zhou attack's key, poisoned data and length: the baseline Zhou compares to. */
export const replacementAttack = (zhou: Record<string, unknown>, schedule: object) =>
  ({ kind: 'model-replacement', schedule, betweenAttacks: 'selected', boostInverseWeight: true, poisonedPerClass: zhou.poisonedPerClass, mix: zhou.mix, episodes: zhou.episodes });

/**
 * Bhagoji et al.'s model poisoning ([8] in Zhou's Fig. 6a): alternating minimisation with the
 * adversarial step boosted by λ = 1/α_m (n/η) and ρ‖w − G^t‖ in the benign phase (their most
 * effective), on the Zhou attack's D_p, key, optimiser steps and alternations. Its adversarial phase
 * trains on D_p alone, as theirs does ("|D_p| = 100 in our experiment").
 */
export const modelPoisoningAttack = (zhou: Record<string, unknown>, schedule: object) =>
  ({ kind: 'bhagoji-alternating', schedule, betweenAttacks: 'selected', boostInverseWeight: true, poisonedPerClass: zhou.poisonedPerClass, mix: zhou.mix, episodes: zhou.episodes, epochs: zhou.epochs, benignRatio: zhou.benignRatio, distance: 'global', rho: zhou.rho1 });

/** The studies of Figs. 4 (MA_t), 5 (SA_t) and 6a (norm clipping, Krum), each beside its benign twin. */
export function zhouStudies(s: ZhouScale): Study[] {
  const base = mergeConfig(structuredClone(presets['zhou-mnist'].config) as ConfigInput, { ...s.patch, rounds: s.rounds }) as ConfigInput;
  const zhou = base.attack as Record<string, unknown>;
  const make = configsFrom(base);
  const ma = { kind: 'multi-shot', from: s.attackRound };
  const sa = { kind: 'single-shot', round: s.attackRound };
  const replacement = (schedule: object) => replacementAttack(zhou, schedule);
  const both = ['attacked', 'twin'] as const;
  return [
    { id: 'ma-zhou', title: 'MA_t, proposed attack', series: both, config: make({ schedule: ma }) },
    { id: 'ma-zhou-rho0', title: 'MA_t, proposed attack with ρ2 = 0', series: ['attacked'], config: make({ schedule: ma, rho2: 0 }) },
    { id: 'ma-zhou-dp-only', title: 'MA_t, proposed attack, adversarial phase on D_p alone', series: ['attacked'], config: make({ schedule: ma, adversarialData: 'poisoned' }) },
    { id: 'ma-replacement', title: 'MA_t, model replacement', series: ['attacked'], config: make(replacement(ma)) },
    ...(s.fromGlobal ? [{ id: 'ma-zhou-fg', title: 'MA_t, proposed attack, Δ_m and Δ_p from G^t', series: ['attacked'], config: make({ schedule: ma, parts: 'from-global' }) } satisfies Study] : []),
    { id: 'sa-zhou', title: 'SA_t, proposed attack', series: both, config: make({ schedule: sa }) },
    ...(s.fromGlobal ? [{ id: 'sa-zhou-fg', title: 'SA_t, proposed attack, Δ_m and Δ_p from G^t', series: ['attacked'], config: make({ schedule: sa, parts: 'from-global' }) } satisfies Study] : []),
    { id: 'sa-replacement', title: 'SA_t, model replacement', series: ['attacked'], config: make(replacement(sa)) },
    ...defenseStudies(s, make, { proposed: { schedule: ma }, replacement: replacement(ma), poisoning: modelPoisoningAttack(zhou, ma) }),
  ];
}
