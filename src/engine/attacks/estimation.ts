import { scale, sub } from '../model/vec';

/**
 * What the attacker remembers from the rounds it took part in, to estimate the other users'
 * update (Bhagoji et al. section 4.1, "previous step estimate"; Zhou et al.'s Δ̄_ben from the last
 * two global models). The estimate assumes the benign users' mean update m stayed the same in
 * every round since the attacker's last participation at t′:
 *   θ_G^t − θ_G^t′ = α_m·δ_m^t′ + (1 − α_m)·m + (t − t′ − 1)·m
 * (the attacker's own weighted contribution at t′ is subtracted), so
 *   m̂ = (θ_G^t − θ_G^t′ − α_m·δ_m^t′) / (t − t′ − α_m).
 * When the attacker is chosen every round this is the paper's δ̂ = θ_G^t − θ_G^{t−1} − α_m·δ_m^{t−1}
 * divided by (1 − α_m); the others' weighted contribution in a round with the attacker is
 * δ̂ = (1 − α_m)·m̂.
 */
interface UpdateRecord { round: number; global: Float32Array; sent: Float32Array; alpha: number }

export class UpdateHistory {
  private last: UpdateRecord | null = null;

  /** Remember θ_G^t and the update sent in round t with its expected weight α_m. */
  record(round: number, global: Float32Array, sent: Float32Array, alpha: number): void {
    this.last = { round, global: global.slice(), sent: sent.slice(), alpha };
  }

  /** m̂: the benign users' mean update per round, or null without history. */
  benignMean(round: number, global: Float32Array): Float32Array | null {
    const l = this.last;
    if (!l || round <= l.round) return null;
    const denom = round - l.round - l.alpha;
    if (denom <= 0) return null;
    const change = sub(sub(global, l.global), scale(l.sent, l.alpha));
    return scale(change, 1 / denom);
  }

  /** δ̂: the other users' weighted contribution to a round the attacker takes part in with weight α. */
  others(round: number, global: Float32Array, alpha: number): Float32Array | null {
    const m = this.benignMean(round, global);
    return m && scale(m, 1 - alpha);
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
