import type { TrainRequest } from '../fed/client';
import { add, scale, sub } from '../model/vec';
import { createRng } from '../rng';
import { AttackerClient, onTensors, type AttackContext, type AttackOf } from './attacker';

/**
 * Bhagoji et al. 2019, sections 3.2 and 3.4, in federated meta-learning: the attacker minimises
 * the adversarial loss from θ_G (Reptile on poisoned episodes — the baseline) or the adversarial
 * and training losses together (concatenated training: meta-batches alternate benign and poisoned
 * episodes), then boosts the whole update: δ_m = λ·δ̃_m, λ = 1/α_m with `boostInverseWeight`.
 * Previous-step estimation (section 4) corrects for the other users' update δ̂: before
 * optimisation by starting from θ_G + δ̂, or after it with δ_m = λ(δ̃_m − δ̂).
 */
export class BhagojiExplicitClient extends AttackerClient<'bhagoji-explicit'> {
  constructor(ctx: AttackContext) {
    super('bhagoji-explicit', ctx);
  }

  protected craft(req: TrainRequest, a: AttackOf<'bhagoji-explicit'>): Float32Array {
    const rng = createRng(req.seed);
    const lambda = this.boostOf(a);
    const est = a.estimation === 'none' ? null : this.history.others(req.round, req.weights, this.alpha);
    const start = est && a.estimation === 'pre' ? add(req.weights, est) : req.weights;
    const source = a.objective === 'adversarial' ? this.poisoned(a) : this.concatenated(a);
    const local = onTensors(this.ctx.spec, start, (theta) => this.metaTrain(theta, source, a.episodes, a, rng));
    // Pre: the server is expected to land on θ_G + δ̂ + α_m·λ·δ̃ = θ̃ when λ = 1/α_m.
    let d = sub(local, start);
    if (est && a.estimation === 'post') d = sub(d, est);
    return scale(d, lambda);
  }
}
