import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse';
import type { ClientUpdate } from './client';
import { histogram, measureStealth } from './stealth';

const u = (clientId: number, delta: number[]): ClientUpdate => ({ clientId, delta: Float32Array.from(delta), numExamples: 1 });

describe('stealth figures', () => {
  it('bins coordinates over [−r, r], the ends closed', () => {
    expect(histogram(Float32Array.from([-2, -1.5, 0, 0.4, 2]), 2, 4)).toEqual([2, 0, 2, 1]);
  });
  it('reports distance spreads among benign updates and between malicious and benign', async () => {
    const c = parseConfig({ eval: { stealth: { enabled: true, bins: 4 } } });
    // benign 1 at [0, 0], benign 2 at [3, 4] (distance 5); malicious 0 at [0, 8] (distances 8 and 5).
    const r = await measureStealth(c, new Float32Array(2), [u(0, [0, 8]), u(1, [0, 0]), u(2, [3, 4])], [0]);
    expect(r.benign).toEqual({ min: 5, max: 5 });
    expect(r.malicious).toEqual({ min: 5, max: 8 });
    expect(r.range).toBe(8);
    expect(r.updates.map((x) => [x.clientId, x.malicious, x.norm, x.histogram])).toEqual([[0, true, 8, [0, 0, 1, 1]], [1, false, 0, [0, 0, 2, 0]], [2, false, 5, [0, 0, 1, 1]]]);
    expect(r.globalValAccuracy).toBeNull();
  });
  it('checks the accuracy of θ_G + δ_i on the server\'s validation episodes when asked', async () => {
    const c = parseConfig({ eval: { stealth: { enabled: true, accuracy: true } } });
    const r = await measureStealth(c, Float32Array.from([0.5]), [u(0, [0.25]), u(1, [-0.25])], [], { accuracy: async (w) => w[0] });
    expect(r.globalValAccuracy).toBe(0.5);
    expect(r.updates.map((x) => x.valAccuracy)).toEqual([0.75, 0.25]);
    expect(r.malicious).toBeNull();
  });
});
