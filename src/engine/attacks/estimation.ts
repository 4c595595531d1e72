import { scale, sub } from '../model/vec';

/**
 * What the attacker remembers from the rounds it took part in, to estimate the other users'
 * update (Bhagoji et al. section 4.1, "previous step estimate"; Zhou et al.'s Δ̄_ben from the last
 * two global models). The server steps θ_G by η times the aggregate (η = federation.serverLr), so
 * α_m = η/n is the share of the attacker's update in a step. The estimate assumes the benign users'
 * mean update m stayed the same in every round since the attacker's last participation at t′:
 *   θ_G^t − θ_G^t′ = α_m·δ_m^t′ + (η − α_m)·m + (t − t′ − 1)·η·m
 * (the attacker's own weighted contribution at t′ is subtracted), so
 *   m̂ = (θ_G^t − θ_G^t′ − α_m·δ_m^t′) / (η·(t − t′) − α_m).
 * With η = 1 and the attacker chosen every round this is the paper's
 * δ̂ = θ_G^t − θ_G^{t−1} − α_m·δ_m^{t−1} divided by (1 − α_m); the others' contribution to a step
 * with the attacker is δ̂ = (η − α_m)·m̂.
 */
interface UpdateRecord { round: number; global: Float32Array; sent: Float32Array; alpha: number; eta?: number }

export class UpdateHistory {
  private last: UpdateRecord | null = null;

  /** Remember θ_G^t and the update sent in round t with its expected share α_m, under the server's η. */
  record(round: number, global: Float32Array, sent: Float32Array, alpha: number, eta = 1): void {
    this.last = { round, global: global.slice(), sent: sent.slice(), alpha, eta };
  }

  /** m̂: the benign users' mean update per round, or null without history. */
  benignMean(round: number, global: Float32Array): Float32Array | null {
    const l = this.last;
    if (!l || round <= l.round) return null;
    const denom = (l.eta ?? 1) * (round - l.round) - l.alpha;
    if (denom <= 0) return null;
    const change = sub(sub(global, l.global), scale(l.sent, l.alpha));
    return scale(change, 1 / denom);
  }

  /**
   * Zhou's Δ̄_ben^t "estimated using a shared global model": Δ̄_ben ≈ G^t − G^{t−1} from the last
   * two global models released (`previous` = G^{t−1}; every user receives θ_G each round). Scale:
   * by eq. 1, G^t − G^{t−1} = (η/n)·Σ_{i∈S^{t−1}} Δ_i = η·(their mean), so Δ̄_ben = (G^t − G^{t−1})/η
   * (with η = 1, the plain average, the difference itself, as the paper writes it). When the
   * attacker was in S^{t−1} its own weighted update is taken out (the paper's S^{t−1} \ m):
   * benignMean at t′ = t − 1, (G^t − G^{t−1} − α_m·δ_m^{t−1}) / (η − α_m). Without G^{t−1} (a
   * resumed run's first round) it falls back to benignMean; null when nothing was seen before.
   */
  lastRoundMean(round: number, global: Float32Array, previous: Float32Array | undefined, eta = 1): Float32Array | null {
    if (this.last?.round === round - 1 || !previous) return this.benignMean(round, global);
    return scale(sub(global, previous), 1 / eta);
  }

  /** δ̂: the other users' contribution to the step of a round the attacker takes part in with share α (η − α of the step, η = 1 by default). */
  others(round: number, global: Float32Array, alpha: number, eta = 1): Float32Array | null {
    const m = this.benignMean(round, global);
    return m && scale(m, eta - alpha);
  }

  export(): UpdateRecord | null {
    return this.last && { ...this.last, global: this.last.global.slice(), sent: this.last.sent.slice() };
  }

  import(r: UpdateRecord | null): void {
    this.last = r && { ...r, global: r.global.slice(), sent: r.sent.slice() };
  }

  reset(): void {
    this.last = null;
  }
}
