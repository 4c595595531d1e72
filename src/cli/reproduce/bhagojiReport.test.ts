import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bhagojiScales, bhagojiStudies } from './bhagojiFmnist';
import { bhagojiClaims, updateNormRatio } from './bhagojiReport';
import { Results, type Line } from './results';
import { writeRun } from './writeRun';

const scale = { ...bhagojiScales.tiny, seeds: 2, rounds: 3, attackRound: 2 };
const dir = mkdtempSync(join(tmpdir(), 'bhagoji-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const updates = (norms: number[], malicious = 0) => ({ stealth: { updates: norms.map((norm, i) => ({ clientId: i, malicious: i === malicious, norm })) } });
const line = (more: object): Line => ({ phase: 'round', round: 2, seed: 1, ...more });

describe('the malicious update\'s norm over the benign median', () => {
  it('divides by the benign updates\' median, whichever client is malicious', () => {
    expect(updateNormRatio(line(updates([6, 2, 3, 100])))).toBe(2);
    expect(updateNormRatio(line(updates([2, 4, 1, 8], 2)))).toBe(0.25);
    expect(updateNormRatio(line({}))).toBeNull();
    expect(updateNormRatio(line(updates([1, 2], -1)))).toBeNull();
  });
});

describe('Fig. 10\'s row on why Krum keeps one update and not the other', () => {
  const row = () => bhagojiClaims(new Results(dir, bhagojiStudies(scale), 2), scale).find((r) => r.what.startsWith('Why Krum'))!;

  it('reads both attacks over the attack rounds and holds when alternating minimisation\'s update is the longer', () => {
    // Round 1 comes before the attack (round 2): its ratio of 10 does not count.
    for (const seed of [1, 2]) {
      writeRun(dir, 'krum-explicit', 'attacked', seed, [1, 2, 3].map((round) => ({ phase: 'round', round, seed, ...updates(round === 1 ? [10, 1, 1] : [0.5 * seed, 1, 1]) })));
      writeRun(dir, 'krum-alternating', 'attacked', seed, [1, 2, 3].map((round) => ({ phase: 'round', round, seed, ...updates(round === 1 ? [10, 1, 1] : [1 + round / 2, 1, 1]) })));
    }
    const r = row();
    // Alternating: rounds 2 and 3 give 2 and 2.5 in each seed, a mean of 2.25.
    expect(r.ours?.mean).toBeCloseTo(2.25);
    // Explicit: 0.5 and 1 in seeds 1 and 2, a mean of 75%.
    expect(r.verdict).toBe('holds (explicit boosting: 75.0%)');
  });

  it('does not hold when the alternating-minimisation update is the shorter', () => {
    for (const seed of [1, 2]) writeRun(dir, 'krum-alternating', 'attacked', seed, [1, 2, 3].map((round) => ({ phase: 'round', round, seed, ...updates([0.1, 1, 1]) })));
    expect(row().verdict).toMatch(/^does not hold/);
  });
});
