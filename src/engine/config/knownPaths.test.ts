import { describe, expect, it } from 'vitest';
import { configFields } from './fields';
import { checkConfigPath, childKeys, knownPaths } from './knownPaths';
import { ConfigError, parseConfig } from './parse';
import { leaves, withPath } from './paths';
import { presetNames, presets } from './presets';
import { isReservedKey } from './reserved';

const issuesOf = (f: () => void) => {
  try { f(); } catch (e) { if (e instanceof ConfigError) return e.issues; throw e; }
  throw new Error('no ConfigError');
};

/** Fields a strategy kind cannot do without. */
const REQUIRED: Record<string, object> = { checkpoint: { source: 'x.ckpt' }, 'single-shot': { round: 1 }, 'multi-shot': { from: 1 }, rounds: { rounds: [1] }, pixels: { pixels: [[0, 0]] } };

describe('known config paths', () => {
  // A field the schema has but knownPaths misses would make a good --set or link fail.
  it('hold every leaf of every preset and of every strategy kind', () => {
    const configs = presetNames.map((n) => parseConfig(structuredClone(presets[n].config)));
    const failed: string[] = [];
    for (const f of configFields().filter((d) => d.path.endsWith('.kind'))) {
      const parent = f.path.slice(0, -'.kind'.length);
      for (const kind of f.options ?? []) {
        let c: unknown = structuredClone(presets['synthetic-tiny'].config);
        if (f.when) c = withPath(c, f.when.path, { kind: f.when.kind }); // e.g. attack.kind for attack.key.kind
        c = withPath(c, parent, { kind, ...REQUIRED[String(kind)] });
        try { configs.push(parseConfig(c)); } catch (e) { failed.push(`${parent}=${String(kind)}: ${(e as Error).message}`); }
      }
    }
    expect(failed).toEqual([]);
    const unknown = configs.flatMap((c) => leaves(c).map(([p]) => p)).filter((p) => !knownPaths().has(p));
    expect([...new Set(unknown)]).toEqual([]);
  });

  it('never contain a reserved key, and every object path lists its children', () => {
    for (const p of knownPaths()) expect(p.split('.').filter(isReservedKey)).toEqual([]);
    expect(childKeys('')).toContain('reptile');
    expect(childKeys('reptile')).toContain('innerLr');
    expect(childKeys('rounds')).toEqual([]);
  });

  it('accept fields and objects of fields, and name whatever else', () => {
    for (const p of ['rounds', 'reptile', 'reptile.innerLr', 'attack.key.pixels', 'federation.aggregator.f']) expect(() => checkConfigPath(p)).not.toThrow();
    expect(issuesOf(() => checkConfigPath('__proto__.polluted'))).toEqual([{ field: '__proto__.polluted', message: expect.stringMatching(/"__proto__" is a reserved name/) }]);
    expect(issuesOf(() => checkConfigPath('reptile.constructor'))[0].message).toMatch(/"constructor" is a reserved name/);
    expect(issuesOf(() => checkConfigPath('reptile.bogus'))).toEqual([{ field: 'reptile.bogus', message: expect.stringMatching(/unknown field \(allowed: episodesPerRound, .*innerLr/) }]);
    expect(issuesOf(() => checkConfigPath('rounds.x'))[0].message).toBe('rounds is a value, not an object of fields');
    expect(issuesOf(() => checkConfigPath(''))[0].field).toBe('(empty)');
    expect(issuesOf(() => checkConfigPath('reptile.')).length).toBe(1);
  });
});
