import * as tf from '@tensorflow/tfjs';
import type { TrainRequest } from '../fed/client';
import { packTensors, unpackParams } from '../model/params';
import { add, scale, sub } from '../model/vec';
import { createRng } from '../rng';
import { AttackerClient, onTensors, type AttackContext, type AttackOf } from './attacker';
import { hessianDiagonal } from './hessianDiag';
import { curvaturePenalty, distancePenalty } from './penalties';

/**
 * Zhou et al. 2021, section 3 (deep model poisoning by alternating minimisation), in federated
 * meta-learning. h ≈ diag ∇²L_main at θ_G (hessianDiag.ts) is computed once per attack on the
 * attacker's benign episodes. Then for each of `epochs` epochs, from w:
 *   main:        w_m = argmin L_main + ρ1‖(w − θ_G) − Δ̄_ben‖₂       (Reptile on benign episodes)
 *   adversarial: w_a = argmin L_adv  + ρ2 Σ_i h_i (w_i − w_m,i)²     (Reptile on poisoned episodes)
 *   Δ_p += w_a − w_m,  w = w_a
 * with Δ̄_ben the benign mean update estimated from the last global models the attacker saw (zero
 * on its first participation). The update sent is Δ = η1·Δ_m + (n/η)·Δ_p with Δ_m = w − θ_G − Δ_p,
 * n/η = `boost` (or 1/α_m with `boostInverseWeight`).
 */
export class ZhouClient extends AttackerClient<'zhou-am'> {
  constructor(ctx: AttackContext) {
    super('zhou-am', ctx);
  }

  protected craft(req: TrainRequest, a: AttackOf<'zhou-am'>): Float32Array {
    const rng = createRng(req.seed);
    const mean = this.history.benignMean(req.round, req.weights);
    const anchorMain = unpackParams(this.ctx.spec, mean ? add(req.weights, mean) : req.weights).map((p) => p.tensor);
    const per = Math.max(this.config.reptile.metaBatch, Math.floor(a.episodes / a.epochs));
    const perBenign = Math.max(this.config.reptile.metaBatch, Math.round(per * a.benignRatio));
    const poisoned = this.poisoned(a), benign = this.benignSource();
    let poisonPart: Float32Array = new Float32Array(req.weights.length);
    const final = onTensors(this.ctx.spec, req.weights, (theta) => {
      const h = hessianDiagonal(theta, benign, a.hessian, a.hessianSamples, rng);
      const mainPenalty = a.rho1 > 0 ? distancePenalty(anchorMain, a.rho1) : undefined;
      let w = theta.map((t) => tf.clone(t));
      for (let e = 0; e < a.epochs; e++) {
        const wm = this.metaTrain(w, benign, perBenign, a, rng, mainPenalty);
        tf.dispose(w);
        const wa = this.metaTrain(wm, poisoned, per, a, rng, a.rho2 > 0 ? curvaturePenalty(wm, h, a.rho2) : undefined);
        poisonPart = add(poisonPart, sub(packTensors(wa), packTensors(wm)));
        tf.dispose(wm);
        w = wa;
      }
      tf.dispose(h);
      return w;
    });
    tf.dispose(anchorMain);
    const mainPart = sub(sub(final, req.weights), poisonPart);
    return add(scale(mainPart, a.mainScale), scale(poisonPart, this.boostOf(a)));
  }
}
