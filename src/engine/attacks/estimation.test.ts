import { describe, expect, it } from 'vitest';
import { UpdateHistory } from './estimation';

const v = (...x: number[]) => Float32Array.from(x);
const round = (a: Float32Array | null) => a && [...a].map((x) => Math.round(x * 1e6) / 1e6);

describe("previous-step estimate of the other users' update", () => {
  it('is unknown before the attacker has taken part', () => {
    expect(new UpdateHistory().others(3, v(0), 1 / 3)).toBeNull();
  });
  it('subtracts the attacker\'s own weighted contribution (chosen every round)', () => {
    // Round 1: θ_G = [0, 0], the attacker sent [3, 0] with α = 1/3; the others moved θ_G by [0, 2].
    const h = new UpdateHistory();
    h.record(1, v(0, 0), v(3, 0), 1 / 3);
    // Round 2: θ_G = [1, 2] = [0,0] + [3,0]/3 + [0,2]. δ̂ = θ_G² − θ_G¹ − α·δ¹ = [0, 2]; m̂ = δ̂ / (1 − α) = [0, 3].
    expect(round(h.others(2, v(1, 2), 1 / 3))).toEqual([0, 2]);
    expect(round(h.benignMean(2, v(1, 2)))).toEqual([0, 3]);
  });
  it('assumes the benign mean update stayed the same over rounds the attacker missed', () => {
    // Attacker at round 1 (sent [0], α = 1/2); benign mean m = 4 per round; rounds 1, 2, 3 elapse.
    // θ_G: 0 → (round 1) 0/2 + m/2 = 2 → (round 2) 6 → (round 3) 10, seen at round 4.
    const h = new UpdateHistory();
    h.record(1, v(0), v(0), 1 / 2);
    expect(round(h.benignMean(4, v(10)))).toEqual([4]);
  });
});

describe("Zhou's Δ̄_ben from the last two global models released (lastRoundMean)", () => {
  it('is G^t − G^{t−1} when the attacker was not in round t − 1, even on its first participation', () => {
    // G^{t−1} = [1, 1], G^t = [1.5, 0]: the server's step Σ α_i δ_i (Σ α_i = 1, η = 1) is the benign mean.
    expect(round(new UpdateHistory().lastRoundMean(3, v(1.5, 0), v(1, 1)))).toEqual([0.5, -1]);
    // A record from an older round does not stand in for the fresher pair of global models.
    const h = new UpdateHistory();
    h.record(1, v(0, 0), v(3, 0), 1 / 3);
    expect(round(h.lastRoundMean(3, v(1.5, 0), v(1, 1)))).toEqual([0.5, -1]);
  });
  it('takes its own weighted update out when it was in round t − 1: (G^t − G^{t−1} − α·δ) / (1 − α)', () => {
    // As above: round 1 from [0, 0], sent [3, 0] with α = 1/3, G² = [1, 2] → ([1, 2] − [1, 0]) / (2/3) = [0, 3].
    const h = new UpdateHistory();
    h.record(1, v(0, 0), v(3, 0), 1 / 3);
    expect(round(h.lastRoundMean(2, v(1, 2), v(0, 0)))).toEqual([0, 3]);
  });
  it('falls back to its own last participation without G^{t−1}, and is unknown with neither', () => {
    const h = new UpdateHistory();
    expect(h.lastRoundMean(1, v(0), undefined)).toBeNull();
    h.record(1, v(0), v(0), 1 / 2);
    expect(round(h.lastRoundMean(4, v(10), undefined))).toEqual([4]);
  });
});
