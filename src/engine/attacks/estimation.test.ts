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
  it('divides out the server\'s η: a step of η·(α·δ_m + (1 − α)·m) per round with the attacker, η·m without', () => {
    // η = 0.5, n = 2: α_m = η/n = 1/4. Round 1 from [0]: the attacker sends [4], the other user
    // [8] (m = 8): step 0.5·(4 + 8)/2 = 3. Round 2 without the attacker: step η·m = 4. Seen at
    // round 3: θ_G = 7. m̂ = (7 − 0 − α·4) / (η·(3 − 1) − α) = 6 / 0.75 = 8; the others' share
    // of a step with the attacker: (η − α)·m̂ = 0.25·8 = 2, the other user's 8/2 scaled by η.
    const h = new UpdateHistory();
    h.record(1, v(0), v(4), 1 / 4, 0.5);
    expect(round(h.benignMean(3, v(7)))).toEqual([8]);
    expect(round(h.others(3, v(7), 1 / 4, 0.5))).toEqual([2]);
  });
});

describe("Zhou's Δ̄_ben from the last two global models released (lastRoundMean)", () => {
  it('is G^t − G^{t−1} when the attacker was not in round t − 1, even on its first participation', () => {
    // G^{t−1} = [1, 1], G^t = [1.5, 0]: the server's step Σ α_i δ_i (Σ α_i = 1, η = 1) is the benign mean.
    expect(round(new UpdateHistory().lastRoundMean(3, v(1.5, 0), v(1, 1)))).toEqual([0.5, -1]);
    // Under η = 0.04 the same step G^t − G^{t−1} is 0.04 times the benign mean (eq. 1).
    expect(round(new UpdateHistory().lastRoundMean(3, v(1.02, 0.96), v(1, 1), 0.04))).toEqual([0.5, -1]);
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
