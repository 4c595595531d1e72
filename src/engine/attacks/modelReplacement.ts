import type { TrainRequest } from '../fed/client';
import { scale, sub } from '../model/vec';
import { createRng } from '../rng';
import { AttackerClient, onTensors, type AttackContext, type AttackOf } from './attacker';

/**
 * Bagdasaryan et al. 2020, "How to backdoor federated learning": model replacement, the baseline
 * Zhou et al. compare to ([4] there, with a pixel-pattern key). The attacker trains its local
 * model L from G^t on its clean data mixed with keyed examples labelled as the target (the
 * learner's backdoorSource: each supervised batch is a clean minibatch plus a batch of D_p; in
 * meta mode Chen's poisoned episodes, which already hold the attacker's clean classes), then
 * submits X = γ(L − G^t) + G^t, i.e. the update δ = X − G^t = γ(L − G^t).
 * With the server's G^{t+1} = G^t + (η/n)·Σ_i (X_i − G^t) and γ = n/η (1/α_m here, the weight
 * the attacker expects its update to get), G^{t+1} = L + (η/n)·Σ_{i≠m} (X_i − G^t): the global
 * model is replaced by L when the other updates cancel, as they roughly do near convergence.
 * The paper's constrain-and-scale variant (an anomaly-detection term in the loss) is not here.
 */
export class ModelReplacementClient extends AttackerClient<'model-replacement'> {
  constructor(ctx: AttackContext) {
    super('model-replacement', ctx);
  }

  protected async craft(req: TrainRequest, a: AttackOf<'model-replacement'>): Promise<Float32Array> {
    const rng = createRng(req.seed);
    const source = this.learner.backdoorSource(this.benignSource(), this.poisoned(a));
    const local = await onTensors(this.ctx.spec, req.weights, (theta) => this.metaTrain(theta, source, a.episodes, a, rng));
    return replacementUpdate(req.weights, local, this.boostOf(a));
  }
}

/** δ = X − G^t for X = γ(L − G^t) + G^t: the update that replaces G^t by L at averaging weight 1/γ. */
export const replacementUpdate = (global: Float32Array, local: Float32Array, gamma: number): Float32Array =>
  scale(sub(local, global), gamma);
