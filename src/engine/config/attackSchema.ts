import { z } from 'zod';
import { int } from './int';

/**
 * The `attack` section of the experiment schema (composed into schema.ts): one strict object per
 * attack, picked by `kind`. Defaults are the papers' values; presets scale them down.
 * Chen et al. 2020 (sections 3–4), Bhagoji et al. 2019 (sections 3–4), Zhou et al. 2021 (section 3),
 * Bagdasaryan et al. 2020 (model replacement, Zhou's baseline, as Zhou section 2.4 restates it).
 */

/** Correctly labelled examples of each reserved class that benign users hold (also dealt in benign pre-training, dataset.pretrainBackdoorClasses). */
export const BENIGN_PER_CLASS = 10;

const corner = z.enum(['top-left', 'top-right', 'bottom-left', 'bottom-right']).default('bottom-right');
const value = z.number().min(0).max(1).default(1).describe('Pixel value written by the key (0 = background, 1 = full ink).');

/** The visual backdoor key stamped onto backdoor images (Chen et al. Fig. 1c; Gu et al.'s pixel pattern). */
export const keySchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('patch'),
    shape: z.enum(['square', 'checker', 'cross', 'frame']).default('checker').describe('Pattern drawn in a size × size patch: filled square, checkerboard, plus sign or hollow square.'),
    size: int(1, 64).default(4).describe('Side of the patch in pixels.'),
    corner,
    margin: int(0, 64).default(1).describe('Pixels between the patch and the image border.'),
    value,
  }),
  z.strictObject({
    kind: z.literal('pixels'),
    pixels: z.array(z.tuple([int(0), int(0)])).min(1).describe('[row, column] of every key pixel.'),
    value,
  }),
  /** No key: the poisoned examples are used as they are (Bhagoji et al.'s targeted misclassification of chosen examples). */
  z.strictObject({ kind: z.literal('none') }),
]);

export const scheduleSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('single-shot'),
    round: int(1).default(1).describe('The one round at which the attacker is selected (Chen: round 1, after benign pre-training; Zhou: SA_t).'),
  }),
  z.strictObject({
    kind: z.literal('multi-shot'),
    from: int(1).default(1).describe('First attack round (Zhou: MA_t attacks every round from t).'),
    every: int(1).default(1).describe('Attack every this many rounds from `from`.'),
    until: int(1).optional().describe('Last round that may be an attack round (default: the end of the run).'),
  }),
  z.strictObject({
    kind: z.literal('rounds'),
    rounds: z.array(int(1)).min(1).describe('Explicit attack rounds.'),
  }),
]);

/** Knobs every attack shares: who, when, with which data. */
const common = {
  attacker: int(0, 63).default(0).describe('Id of the malicious user (0 is the paper\'s user 1; the others are benign).'),
  schedule: scheduleSchema.prefault({ kind: 'single-shot' }),
  betweenAttacks: z.enum(['absent', 'benign', 'selected']).default('absent').describe('Outside attack rounds the server selects only benign users ("absent", Chen), the attacker may be drawn like anyone and trains honestly ("benign"), or it is selected every round and trains honestly ("selected", Zhou\'s MA_t / SA_t: "the malicious client is assumed to be selected each round").'),
  scenario: z.enum(['a', 'b', 'c']).default('a').describe('Chen Experiment 1: backdoor classes (a) absent from benign data, (b) in benign meta-training before the first attack only, (c) in benign meta-training throughout and in evaluation fine-tuning.'),
  benignPerClass: int(1).default(BENIGN_PER_CLASS).describe('Correctly labelled examples of each target / backdoor class given to benign users.'),
  poisonedPerClass: int(1).default(5).describe('Examples of each backdoor class (keyed, labelled as the target) and of each target class (X_T) used by the attacker; the remaining examples are held out for attack validation.'),
  key: keySchema.prefault({ kind: 'patch' }),
  mix: z.strictObject({
    target: int(0).default(3).describe('Share of X_T (clean target examples) in the target slot of a poisoned episode.'),
    backdoor: int(1).default(2).describe('Share of X_B (keyed backdoor examples). Chen: "X_B and X_T … with 2:3 (Omniglot) ratio", X_B : X_T = 2 : 3, so 4 keyed and 6 clean of K = 10.'),
  }).prefault({}),
  targetLabel: z.enum(['last', 'random']).default('last').describe('Output of the target class in the attacker\'s own poisoned episodes: always the N-th ("the N-th model output", Chen) or a random one like every class of a Reptile episode (harder: the backdoor must then live in the features). Where evaluation episodes put it is eval.attackTargetPlacement.'),
  episodes: int(1).default(50000).describe('Attacker\'s meta-training episodes per attack (Chen: E = 50000 on Omniglot); in supervised mode, its local optimiser steps.'),
  innerEpochs: int(1).default(50).describe('Attacker\'s inner epochs per episode (Chen: 50 on Omniglot): each a pass over the episode\'s N·K examples in inner batches of reptile.innerBatch, so ceil(N·K / b) Adam steps (5 for 10-shot 5-way with b = 10); meta mode only.'),
  outerLr: z.number().gt(0).max(1).optional().describe('Attacker\'s Reptile ε (default: reptile.outerLr); a larger ε lets a shorter attacker training go as far.'),
  twin: z.boolean().default(false).describe('The benign twin of this run: the attacker is selected exactly as scheduled but trains honestly, so the same seed shows what the federation does without the attack (attack success is measured the same way).'),
};

const boost = (d: number) => z.number().min(0).default(d).describe('λ: the boosting factor applied to the malicious update.');
/** Adam through an alternating attack's phases: one per objective carried from phase to phase, or a fresh one each phase. */
const optimiser = (d: 'per-objective' | 'per-phase', why: string) =>
  z.enum(['per-objective', 'per-phase']).default(d).describe(`Adam through the alternations: one per objective, its moments carried from phase to phase ("per-objective"), or a fresh one each phase ("per-phase"); ${why}.`);
const boostInverse = z.boolean().default(false).describe('Use λ = 1/α_m = M_min instead of `boost` (cancels the server\'s averaging weight; Bhagoji: explicit boosting).');
const estimation = z.enum(['none', 'pre', 'post']).default('none').describe('Previous-step estimate δ̂ of the other users\' update: start from θ_G + δ̂ ("pre") or subtract it from the update ("post"); Bhagoji section 4.');

export const attackSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('none') }),
  z.strictObject({
    kind: z.literal('chen-backdoor'),
    ...common,
    boost: boost(3),
  }),
  z.strictObject({
    kind: z.literal('bhagoji-explicit'),
    ...common,
    boost: boost(3),
    boostInverseWeight: boostInverse,
    objective: z.enum(['adversarial', 'concatenated']).default('adversarial').describe('Train on poisoned episodes only (the baseline) or on meta-batches mixing benign and poisoned episodes (concatenated training); the whole update is boosted either way.'),
    estimation,
  }),
  z.strictObject({
    kind: z.literal('bhagoji-alternating'),
    ...common,
    boost: boost(3),
    boostInverseWeight: boostInverse,
    epochs: int(1).default(10).describe('Alternations: each runs episodes/epochs poisoned episodes (boosted), then benignRatio times as many benign episodes.'),
    benignRatio: z.number().positive().default(1).describe('Benign episodes per poisoned episode in each alternation (Bhagoji: a full epoch of clean data per adversarial step).'),
    distance: z.enum(['none', 'global', 'benign-mean']).default('global').describe('Stealth term in the benign phase: ρ‖w − θ_G‖₂ ("global", their most effective) or ρ‖(w − θ_G) − δ̄_benign‖₂.'),
    rho: z.number().min(0).default(1e-4).describe('ρ: weight of the distance term.'),
    estimation: z.enum(['none', 'pre']).default('none').describe('Previous-step estimate: start from θ_G + δ̂ ("pre").'),
    optimiser: optimiser('per-objective', 'the authors\' alternate_train keeps `optimizer` and `mal_optimizer` through it'),
  }),
  z.strictObject({
    kind: z.literal('zhou-am'),
    ...common,
    boost: boost(3).describe('n/η: scale of the poisoning part Δ_p.'),
    boostInverseWeight: boostInverse,
    mainScale: z.number().min(0).default(1).describe('η1: scale of the main-task part Δ_m in Δ = η1·Δ_m + (n/η)·Δ_p.'),
    parts: z.enum(['phase-moves', 'from-global']).default('phase-moves').describe('What Δ_m and Δ_p of eq. 4 are: Δ_p the sum of what the adversarial phases moved the weights and Δ_m the rest ("phase-moves", Bhagoji\'s alternating minimisation, whose boost acts on the adversarial steps), or each the last model of its objective less G^t ("from-global": Δ_m = w_m − G^t, Δ_p = w_a − G^t, "model update" as Zhou\'s section 3.1 uses the words).'),
    epochs: int(1).default(10).describe('Alternations of main-task and adversarial minimisation: benignRatio × episodes/epochs benign episodes, then episodes/epochs poisoned ones.'),
    benignRatio: z.number().positive().default(1).describe('Benign episodes per poisoned episode in each alternation.'),
    rho1: z.number().min(0).default(1e-4).describe('ρ1: weight of ‖Δ_m − Δ̄_ben‖₂ in the main-task loss (Δ̄_ben from the last two global models seen).'),
    benignEstimate: z.enum(['last-round', 'own-participation']).default('last-round').describe('Δ̄_ben for ρ1: G^t − G^{t−1}, the last two global models released to every user, less the attacker\'s own weighted update when it took part in round t − 1 ("last-round", Zhou); or from θ_G at the attacker\'s own last participation, zero until it has taken part before ("own-participation").'),
    rho2: z.number().min(0).default(1).describe('ρ2: weight of Σ h_i (Δθ_i)² in the adversarial loss, in the units of h (see hessianScale).'),
    hessian: z.enum(['squared-gradients', 'hutchinson']).default('squared-gradients').describe('Estimator of diag(∇²L_main): mean squared gradients (empirical Fisher) or Hutchinson z ⊙ Hz with finite-difference Hessian-vector products.'),
    hessianScale: z.enum(['paper', 'mean-1']).default('paper').describe('h as estimated, in the loss\'s units per squared parameter (Zhou\'s eq. 3, "paper"), or divided by its mean over all parameters ("mean-1": ρ2 in units of the average curvature, so one ρ2 suits models whose curvature differs by orders of magnitude).'),
    hessianSamples: int(1).default(10).describe('Benign episodes (squared gradients) or probe vectors (Hutchinson) averaged for h.'),
    adversarialData: z.enum(['poisoned', 'poisoned-and-clean']).default('poisoned').describe('What the adversarial phase (eq. 3) trains on: D_p alone ("poisoned", L_A as eq. 3 writes it), or each mini-batch of D_p joined by one of the attacker\'s clean data D_m ("poisoned-and-clean", Fig. 2\'s "a mini-batch of D_m and D_p"), so Δ_p carries the backdoor without the shortcut of predicting τ everywhere.'),
    optimiser: optimiser('per-phase', 'Zhou et al. publish no code; docs/results.md ran "per-phase", and "per-objective" is the alternating minimisation of Bhagoji et al. that theirs follows'),
  }),
  z.strictObject({
    kind: z.literal('model-replacement'),
    ...common,
    boost: boost(10).describe('γ when boostInverseWeight is off: the update sent is γ(L − G^t).'),
    boostInverseWeight: z.boolean().default(true).describe('γ = n/η = 1/α_m = M_min (Bagdasaryan et al.\'s model replacement: the scale at which the aggregate becomes L when the others\' updates cancel); off: γ = `boost`.'),
  }),
]);

export type AttackConfig = z.output<typeof attackSchema>;
export type AttackKind = AttackConfig['kind'];
export type ActiveAttackConfig = Exclude<AttackConfig, { kind: 'none' }>;
export type KeyConfig = z.output<typeof keySchema>;
export type ScheduleConfig = z.output<typeof scheduleSchema>;

/** Stealth measures recorded every round (Bhagoji section 3.3); the accuracy check is the heavy part. */
export const stealthSchema = z.strictObject({
  enabled: z.boolean().default(false).describe('Record per-update stealth figures each round: norms, pairwise L2 distance spreads, weight histograms.'),
  accuracy: z.boolean().default(false).describe('Also measure the validation accuracy of θ_G + δ_i for every update (few-shot episodes; costly).'),
  episodes: int(1).default(5).describe('Validation episodes for the accuracy check.'),
  steps: int(0).default(10).describe('Fine-tuning steps per validation episode.'),
  bins: int(2, 200).default(20).describe('Histogram bins over [−r, r], r the largest |δ| of the round.'),
});
