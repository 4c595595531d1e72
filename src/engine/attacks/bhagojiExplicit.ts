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

  protected async craft(req: TrainRequest, a: AttackOf<'bhagoji-explicit'>): Promise<Float32Array> {
    const rng = createRng(req.seed);
    const lambda = this.boostOf(a);
    const est = a.estimation === 'none' ? null : this.history.others(req.round, req.weights, this.alpha, this.eta);
    const start = optimisationStart(req.weights, est, a.estimation);
    const source = a.objective === 'adversarial' ? this.poisoned(a) : this.concatenated(a);
    const local = await onTensors(this.ctx.spec, start, (theta) => this.metaTrain(theta, source, a.episodes, a, rng));
    return explicitUpdate(local, start, est, a.estimation, lambda);
  }
}

type Estimation = AttackOf<'bhagoji-explicit'>['estimation'];

/** Where the attacker's optimisation starts: θ_G + δ̂ with pre-optimisation correction, else θ_G. */
export const optimisationStart = (global: Float32Array, est: Float32Array | null, estimation: Estimation): Float32Array =>
  est && estimation === 'pre' ? add(global, est) : global;

/**
 * The update sent, δ_m = λ·(θ̃ − start) for the locally optimised θ̃, with post-optimisation
 * correction λ·((θ̃ − start) − δ̂): the boosted update less λδ̂. The server lands on
 * θ_G + δ_others + α_m·δ_m, which is θ̃ when λ = 1/α_m and the others' weighted contribution
 * δ_others is δ̂: pre, θ_G + δ̂ + (θ̃ − θ_G − δ̂); post, θ_G + δ̂ + (θ̃ − θ_G) − δ̂.
 */
export function explicitUpdate(local: Float32Array, start: Float32Array, est: Float32Array | null, estimation: Estimation, lambda: number): Float32Array {
  let d = sub(local, start);
  if (est && estimation === 'post') d = sub(d, est);
  return scale(d, lambda);
}
