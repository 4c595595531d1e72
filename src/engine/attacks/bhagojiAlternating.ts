import * as tf from '@tensorflow/tfjs';
import type { TrainRequest } from '../fed/client';
import { unpackParams } from '../model/params';
import { add, sub } from '../model/vec';
import { createRng } from '../rng';
import { AttackerClient, objectiveSlots, onTensors, type AttackContext, type AttackOf } from './attacker';
import { distanceAnchor, distancePenalty } from './penalties';

/**
 * Bhagoji et al. 2019, Algorithm 1 (alternating minimisation with distance constraints), in
 * federated meta-learning. For each of `epochs` epochs, from the current weights w:
 *   1. minimise the adversarial loss (Reptile on poisoned episodes): Δ_adv = w_adv − w;
 *   2. boost only that part: w̃ = w + λ·Δ_adv;
 *   3. minimise the training loss (Reptile on the attacker's benign episodes) from w̃, with
 *      ρ‖w − θ_G‖₂ ("global") or ρ‖(w − θ_G) − δ̄_benign‖₂ ("benign-mean") added to each inner loss.
 * The update sent is δ_m = w_final − θ_G (not boosted again; with pre-optimisation correction the
 * start is θ_G + δ̂ and δ_m = w_final − (θ_G + δ̂)). `episodes` is split evenly between
 * the epochs; each epoch runs benignRatio times as many benign episodes. By default each objective
 * keeps one optimiser through the epochs, as the authors' code does (alternate_train: `optimizer`
 * for the training loss, `mal_optimizer` for the adversarial one).
 */
export class BhagojiAlternatingClient extends AttackerClient<'bhagoji-alternating'> {
  constructor(ctx: AttackContext) {
    super('bhagoji-alternating', ctx);
  }

  protected async craft(req: TrainRequest, a: AttackOf<'bhagoji-alternating'>): Promise<Float32Array> {
    const rng = createRng(req.seed);
    const lambda = this.boostOf(a);
    const est = a.estimation === 'pre' ? this.history.others(req.round, req.weights, this.alpha, this.eta) : null;
    const start = est ? add(req.weights, est) : req.weights;
    const mean = a.distance === 'benign-mean' ? this.history.benignMean(req.round, req.weights) : null;
    const anchor = unpackParams(this.ctx.spec, distanceAnchor(req.weights, mean)).map((p) => p.tensor);
    const penalty = a.distance !== 'none' && a.rho > 0 ? distancePenalty(anchor, a.rho) : undefined;
    const { adversarial: per, benign: perBenign } = this.alternation(a);
    const poisoned = this.poisoned(a), benign = this.benignSource();
    // Fresh moments each phase ("per-phase") restart Adam at every alternation: its first step is
    // lr·sign(g) in every weight, and the adversarial direction never builds up momentum.
    const slots = objectiveSlots(a.optimiser);
    try {
      const final = await onTensors(this.ctx.spec, start, (theta) => {
        let w = theta.map((t) => tf.clone(t));
        for (let e = 0; e < a.epochs; e++) {
          const adv = this.metaTrain(w, poisoned, per, a, rng, undefined, slots.adversarial);
          const boosted = boostAdversarial(w, adv, lambda);
          tf.dispose([...adv, ...w]);
          w = this.metaTrain(boosted, benign, perBenign, a, rng, penalty, slots.benign);
          tf.dispose(boosted);
        }
        return w;
      });
      return sub(final, start);
    } finally {
      slots.dispose();
      tf.dispose(anchor);
    }
  }
}

/** Algorithm 1's explicit boosting of the adversarial step: w̃ = w + λ·(w_adv − w), new tensors. */
export const boostAdversarial = (w: readonly tf.Tensor[], adv: readonly tf.Tensor[], lambda: number): tf.Tensor[] =>
  w.map((x, i) => tf.tidy(() => tf.add(x, tf.mul(tf.sub(adv[i], x), lambda))));
