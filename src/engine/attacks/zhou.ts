import * as tf from '@tensorflow/tfjs';
import type { TrainRequest } from '../fed/client';
import { packTensors, unpackParams } from '../model/params';
import { add, scale, sub } from '../model/vec';
import { createRng } from '../rng';
import { AttackerClient, objectiveSlots, onTensors, type AttackContext, type AttackOf } from './attacker';
import { hessianDiagonal } from './hessianDiag';
import { curvaturePenalty, distanceAnchor, distancePenalty } from './penalties';

/**
 * Zhou et al. 2021, section 3 (deep model poisoning by alternating minimisation), in federated
 * meta-learning. h ≈ diag ∇²L_main at θ_G (hessianDiag.ts) is computed once per attack on the
 * attacker's benign episodes. Then for each of `epochs` epochs, from w:
 *   main:        w_m = argmin L_main + ρ1‖(w − θ_G) − Δ̄_ben‖₂       (Reptile on benign episodes)
 *   adversarial: w_a = argmin L_adv  + ρ2 Σ_i h_i (w_i − w_m,i)²     (Reptile on poisoned episodes)
 *   Δ_p += w_a − w_m,  w = w_a
 * with Δ̄_ben the benign mean update estimated from G^t − G^{t−1}, the last two global models
 * released (estimation.ts, lastRoundMean; `benignEstimate: 'own-participation'` keeps the older
 * estimate from the attacker's own last round), and h in the paper's units or normalised to
 * mean 1 (`hessianScale`). The update sent is Δ = η1·Δ_m + (n/η)·Δ_p with Δ_m = w − θ_G − Δ_p
 * (or, with `parts: 'from-global'`, Δ_m = w_m − θ_G and Δ_p = w_a − θ_G of the last alternation),
 * n/η = `boost` (or 1/α_m with `boostInverseWeight`). Each phase starts a fresh Adam unless
 * `optimiser: 'per-objective'` carries one per objective through the epochs.
 */
export class ZhouClient extends AttackerClient<'zhou-am'> {
  constructor(ctx: AttackContext) {
    super('zhou-am', ctx);
  }

  protected async craft(req: TrainRequest, a: AttackOf<'zhou-am'>): Promise<Float32Array> {
    const rng = createRng(req.seed);
    const mean = a.benignEstimate === 'last-round'
      ? this.history.lastRoundMean(req.round, req.weights, req.previous, this.eta)
      : this.history.benignMean(req.round, req.weights);
    const anchorMain = unpackParams(this.ctx.spec, distanceAnchor(req.weights, mean)).map((p) => p.tensor);
    const { adversarial: per, benign: perBenign } = this.alternation(a);
    const poisoned = a.adversarialData === 'poisoned-and-clean' ? this.concatenated(a) : this.poisoned(a);
    const benign = this.benignSource();
    let poisonPart: Float32Array = new Float32Array(req.weights.length);
    let lastMain: Float32Array = req.weights;
    const final = await onTensors(this.ctx.spec, req.weights, async (theta) => {
      const h = hessianDiagonal(theta, benign, a.hessian, a.hessianSamples, rng, a.hessianScale);
      const mainPenalty = a.rho1 > 0 ? distancePenalty(anchorMain, a.rho1) : undefined;
      const slots = objectiveSlots(a.optimiser);
      let w = theta.map((t) => tf.clone(t));
      try {
        for (let e = 0; e < a.epochs; e++) {
          const wm = this.metaTrain(w, benign, perBenign, a, rng, mainPenalty, slots.benign);
          tf.dispose(w);
          const wa = this.metaTrain(wm, poisoned, per, a, rng, a.rho2 > 0 ? curvaturePenalty(wm, h, a.rho2) : undefined, slots.adversarial);
          lastMain = await packTensors(wm);
          poisonPart = addAdversarialPhase(poisonPart, lastMain, await packTensors(wa));
          tf.dispose(wm);
          w = wa;
        }
      } finally {
        slots.dispose();
        tf.dispose(h);
      }
      return w;
    });
    tf.dispose(anchorMain);
    return a.parts === 'from-global'
      ? zhouUpdateFromGlobal(req.weights, lastMain, final, a.mainScale, this.boostOf(a))
      : zhouUpdate(req.weights, final, poisonPart, a.mainScale, this.boostOf(a));
  }
}

/** Δ_p after one more adversarial phase: Δ_p + (w_a − w_m), what that phase moved the weights by. */
export const addAdversarialPhase = (poisonPart: Float32Array, wm: Float32Array, wa: Float32Array): Float32Array =>
  add(poisonPart, sub(wa, wm));

/**
 * Zhou et al. eq. 4, Δ = η1·Δ_m + (n/η)·Δ_p, from θ_G, the final weights w and Δ_p: the main-task
 * part is the rest of the update, Δ_m = (w − θ_G) − Δ_p.
 */
export function zhouUpdate(global: Float32Array, final: Float32Array, poisonPart: Float32Array, eta1: number, boost: number): Float32Array {
  const mainPart = sub(sub(final, global), poisonPart);
  return add(scale(mainPart, eta1), scale(poisonPart, boost));
}

/**
 * Eq. 4 with each part a model update in section 3.1's sense, a model less G^t: Δ_m = w_m − G^t of
 * the last main-task phase, Δ_p = w_a − G^t of the last adversarial phase (the final weights), so
 * Δ = η1·(w_m − G^t) + (n/η)·(w_a − G^t).
 */
export function zhouUpdateFromGlobal(global: Float32Array, main: Float32Array, final: Float32Array, eta1: number, boost: number): Float32Array {
  return add(scale(sub(main, global), eta1), scale(sub(final, global), boost));
}
