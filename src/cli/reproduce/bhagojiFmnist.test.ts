import { describe, expect, it } from 'vitest';
import { mergeConfig, parseConfig } from '../../engine/config/parse';
import { presets } from '../../engine/config/presets';
import type { ConfigInput } from '../../engine/config/schema';
import { alternationLengths } from '../../engine/attacks/attacker';
import { bhagojiScales, bhagojiStudies, krumAlternation, krumAttackerSteps } from './bhagojiFmnist';

const withSupervised = (supervised: object) =>
  parseConfig(mergeConfig(structuredClone(presets['bhagoji-fmnist'].config) as ConfigInput, { supervised }));

describe('the explicit attacker against Krum', () => {
  it('trains 101/600 of a benign agent\'s steps, at least one', () => {
    // The authors' setting: 5 epochs of 6000 images in batches of 50 are 600 steps.
    expect(krumAttackerSteps(withSupervised({ epochs: 5, userExamples: 6000, batch: 50 }))).toBe(101);
    // --quick: 1 epoch of 64 in batches of 32 is 2 steps, × 101/600 = 0.34.
    expect(krumAttackerSteps(withSupervised({ epochs: 1, userExamples: 64, batch: 32 }))).toBe(1);
    // full: 1000 images, 32 steps, × 101/600 = 5.4.
    expect(krumAttackerSteps(withSupervised({ epochs: 1, userExamples: 1000, batch: 32 }))).toBe(5);
  });

  it.each(['quick', 'full'] as const)('runs at that length in --%s, beside a run as long as the λ = 10 attacker\'s', (scale) => {
    const studies = new Map(bhagojiStudies(bhagojiScales[scale]).map((s) => [s.id, s.config]));
    const explicit = studies.get('explicit')!, short = studies.get('krum-explicit')!, long = studies.get('krum-explicit-long')!;
    expect(short.attack).toMatchObject({ kind: 'bhagoji-explicit', boost: 2, boostInverseWeight: false, episodes: krumAttackerSteps(explicit) });
    expect(long.attack).toMatchObject({ kind: 'bhagoji-explicit', boost: 2, boostInverseWeight: false, episodes: explicit.attack.kind === 'bhagoji-explicit' ? explicit.attack.episodes : NaN });
    for (const c of [short, long]) expect(c.federation.aggregator).toEqual({ kind: 'krum', f: 0 });
    expect(krumAttackerSteps(explicit)).toBe(scale === 'quick' ? 1 : 5);
  });

  it('trains that length in the app\'s preset, against Krum', () => {
    const c = parseConfig(structuredClone(presets['bhagoji-fmnist-krum'].config));
    expect(c.attack).toMatchObject({ kind: 'bhagoji-explicit', boost: 2, boostInverseWeight: false, episodes: krumAttackerSteps(c) });
    expect(c.federation.aggregator).toEqual({ kind: 'krum', f: 0 });
  });
});

describe('alternating minimisation in the reproduction', () => {
  it.each(['quick', 'full'] as const)('--%s: one boosted adversarial step, then 10 benign ones, each alternation (the authors\' ls = 10); explicit boosting keeps the preset\'s steps', (scale) => {
    const studies = new Map(bhagojiStudies(bhagojiScales[scale]).map((s) => [s.id, s.config]));
    for (const id of ['alternating', 'alternating-pre']) {
      const a = studies.get(id)!.attack;
      if (a.kind !== 'bhagoji-alternating') throw new Error(`${id}: ${a.kind}`);
      expect(alternationLengths(a, 1)).toEqual({ adversarial: 1, benign: 10 });
      expect(a.epochs).toBe(scale === 'quick' ? 5 : 10);
    }
    expect(studies.get('alternating-pre')!.attack).toMatchObject({ estimation: 'pre' });
    expect(studies.get('explicit')!.attack).toMatchObject({ kind: 'bhagoji-explicit', episodes: 10 });
  });
});

describe('alternating minimisation against Krum', () => {
  it('trains twice a benign agent\'s steps on the training loss, one adversarial step per 10 of them, at least one', () => {
    // The authors' setting: a benign agent's 600 steps; theirs 1200 benign and 120 adversarial.
    expect(krumAlternation(withSupervised({ epochs: 5, userExamples: 6000, batch: 50 }))).toEqual({ episodes: 120, epochs: 120, benignRatio: 10 });
    // --quick: 2 steps, so 4 benign ones after a single adversarial step.
    expect(krumAlternation(withSupervised({ epochs: 1, userExamples: 64, batch: 32 }))).toEqual({ episodes: 1, epochs: 1, benignRatio: 4 });
    // full: 32 steps, so 64 benign ones: 6 alternations of 11 (66).
    expect(krumAlternation(withSupervised({ epochs: 1, userExamples: 1000, batch: 32 }))).toEqual({ episodes: 6, epochs: 6, benignRatio: 11 });
  });

  it.each(['quick', 'full'] as const)('runs at that length in --%s, with λ = 2 and Krum', (scale) => {
    const studies = new Map(bhagojiStudies(bhagojiScales[scale]).map((s) => [s.id, s.config]));
    const c = studies.get('krum-alternating')!, a = c.attack;
    if (a.kind !== 'bhagoji-alternating') throw new Error(a.kind);
    expect(a).toMatchObject({ boost: 2, boostInverseWeight: false, ...krumAlternation(c) });
    expect(alternationLengths(a, 1)).toEqual(scale === 'quick' ? { adversarial: 1, benign: 4 } : { adversarial: 1, benign: 11 });
    expect(c.federation.aggregator).toEqual({ kind: 'krum', f: 0 });
  });
});
