import type { TrainRequest } from '../fed/client';
import { scale, sub } from '../model/vec';
import { createRng } from '../rng';
import { AttackerClient, onTensors, type AttackContext, type AttackOf } from './attacker';

/**
 * Chen et al. 2020, section 3: the attacker runs Reptile from θ_G on poisoned episodes (N − 1
 * random classes of its own plus the target class as the N-th output, filled from X_T and keyed
 * X_B), with its own longer training (E episodes, e inner steps), and sends the boosted update
 * δ_a = λ(θ_a − θ_G).
 */
export class ChenBackdoorClient extends AttackerClient<'chen-backdoor'> {
  constructor(ctx: AttackContext) {
    super('chen-backdoor', ctx);
  }

  protected async craft(req: TrainRequest, a: AttackOf<'chen-backdoor'>): Promise<Float32Array> {
    const rng = createRng(req.seed);
    const source = this.learner.backdoorSource(this.benignSource(), this.poisoned(a));
    const local = await onTensors(this.ctx.spec, req.weights, (theta) => this.metaTrain(theta, source, a.episodes, a, rng));
    return scale(sub(local, req.weights), a.boost);
  }
}
