import { describe, expect, it } from 'vitest';
import { ConfigError, defaultConfig, mergeConfig, parseConfig, setPath } from './parse';
import { presets } from './presets';

const errorOf = (input: unknown): ConfigError => {
  try { parseConfig(input); } catch (e) { return e as ConfigError; }
  throw new Error('expected a ConfigError');
};

describe('config schema', () => {
  it("defaults to the paper's training parameters", () => {
    const c = defaultConfig();
    expect(c.reptile).toEqual({ episodesPerRound: 1000, metaBatch: 5, outerLr: 0.1, innerSteps: 10, innerBatch: 10, innerLr: 0.001, beta1: 0, beta2: 0.999 });
    expect(c.task).toEqual({ ways: 5, trainShots: 10, testShots: 5 });
    expect(c.eval.steps).toBe(50);
    expect(c.eval.episodes).toBe(40);
    expect(c.model.filters).toBe(64);
    expect(c.dataset).toMatchObject({ rotations: 4, metaTrainClasses: 1200, metaTestClasses: 418, validationPerClass: 5 });
    expect(c.federation).toMatchObject({ users: 4, perRound: 3, minUpdates: 3, aggregator: { kind: 'fedavg', weighting: 'size' } });
  });
  it('round-trips through JSON (plain, structured-cloneable data)', () => {
    const c = defaultConfig();
    expect(parseConfig(JSON.parse(JSON.stringify(c)))).toEqual(c);
    expect(structuredClone(c)).toEqual(c);
  });
  it('names an unknown field and lists the allowed ones', () => {
    const e = errorOf({ reptile: { innerLR: 0.1 } });
    expect(e.issues[0].field).toBe('reptile.innerLR');
    expect(e.issues[0].message).toMatch(/unknown field.*innerLr/);
  });
  it('names a wrong type', () => {
    const e = errorOf({ rounds: 'ten' });
    expect(e.issues[0].field).toBe('rounds');
    expect(e.issues[0].message).toMatch(/number/);
  });
  it('rejects a negative learning rate and says what is allowed', () => {
    const e = errorOf({ reptile: { innerLr: -0.001 } });
    expect(e.message).toMatch(/^reptile\.innerLr: .*>0/);
  });
  it('rejects M_min > M_round and M_round > M', () => {
    expect(errorOf({ federation: { perRound: 2, minUpdates: 3 } }).issues[0]).toEqual({ field: 'federation.minUpdates', message: 'must be ≤ federation.perRound (2)' });
    expect(errorOf({ federation: { users: 2, perRound: 3, minUpdates: 1 } }).issues[0].field).toBe('federation.perRound');
  });
  it('rejects an unknown strategy kind', () => {
    expect(errorOf({ federation: { aggregator: { kind: 'nope' } } }).issues[0].field).toBe('federation.aggregator.kind');
  });
  it('every preset is valid', () => {
    for (const p of Object.values(presets)) expect(() => parseConfig(p.config)).not.toThrow();
  });
  it('merges overrides and sets dotted paths from strings', () => {
    const patch: Record<string, unknown> = {};
    setPath(patch, 'reptile.innerLr', '0.01');
    setPath(patch, 'dataset.name', 'synthetic');
    const c = parseConfig(mergeConfig({ reptile: { innerSteps: 3 } }, patch));
    expect(c.reptile.innerLr).toBe(0.01);
    expect(c.reptile.innerSteps).toBe(3);
    expect(c.dataset.name).toBe('synthetic');
  });
});
