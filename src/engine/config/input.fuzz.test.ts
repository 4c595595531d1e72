import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { knownPaths } from './knownPaths';
import { ConfigError, mergeConfig, parseConfig, setPath } from './parse';
import { getPath } from './paths';
import { presets } from './presets';
import { reservedKeyPath } from './reserved';
import { configPath, fieldSetting, hostileJsonText } from '../testing/fuzz/arbitraries';
import { isScalar, namesField, parsedRaw as parsed } from '../testing/fuzz/oracles';
import { guardPrototypes } from '../testing/fuzz/prototypes';

/**
 * Config input from a file, `--set` or a link: whatever arrives, the result is a valid config or
 * a ConfigError whose issues name fields, nothing else is thrown, and no prototype changes.
 */
const RUNS = { json: 1000, merge: 1000, setPath: 2000, field: 1000 };

/** parseConfig's contract: a config that parses to itself, or a ConfigError naming fields. */
function outcome(f: () => unknown): { config?: unknown; error?: ConfigError } {
  try {
    const config = guardPrototypes(f);
    expect(parseConfig(config)).toEqual(config);
    return { config };
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    expect(e.issues.length).toBeGreaterThan(0);
    for (const i of e.issues) expect(i.field && i.message).toBeTruthy();
    return { error: e };
  }
}

/** setPath as it was before issue 14: walks and assigns any key. The guard must catch it. */
function legacySetPath(obj: Record<string, unknown>, dotted: string, raw: string): void {
  const keys = dotted.split('.');
  let cur = obj;
  for (const k of keys.slice(0, -1)) {
    if (typeof cur[k] !== 'object' || cur[k] === null) cur[k] = {};
    cur = cur[k] as Record<string, unknown>;
  }
  cur[keys[keys.length - 1]] = parsed(raw);
}

describe('config input fuzz', () => {
  it('the prototype guard catches pollution, and would have caught the old setPath', () => {
    expect(() => guardPrototypes(() => legacySetPath({}, '__proto__.polluted', '1'))).toThrow(/prototype polluted: Object\.polluted/);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined(); // and undid it
    const run = () => fc.assert(fc.property(configPath(), fc.string(), (p, raw) => { guardPrototypes(() => legacySetPath({}, p, raw)); }), { numRuns: 2000 });
    expect(run).toThrow(/Property failed/);
    try { run(); } catch (e) { expect(String((e as Error).cause)).toMatch(/prototype polluted: Object\./); }
  });

  it('setPath assigns a known path exactly and refuses any other, naming it, before assigning', () => {
    fc.assert(fc.property(configPath(), fc.string({ maxLength: 10 }), (path, raw) => {
      const patch: Record<string, unknown> = {};
      if (knownPaths().has(path)) {
        guardPrototypes(() => setPath(patch, path, raw));
        expect(getPath(patch, path)).toEqual(parsed(raw));
      } else {
        expect(() => guardPrototypes(() => setPath(patch, path, raw))).toThrow(ConfigError);
        try { setPath(patch, path, raw); } catch (e) { expect((e as ConfigError).issues.map((i) => i.field)).toEqual([path || '(empty)']); }
        expect(patch).toEqual({});
      }
    }), { numRuns: RUNS.setPath, examples: [['__proto__.polluted', '1'], ['constructor.prototype.polluted', '1'], ['', '1']] });
  });

  it('any JSON text as a config file: a valid config or errors naming fields, reserved keys named', () => {
    fc.assert(fc.property(hostileJsonText(), (text) => {
      const input: unknown = JSON.parse(text);
      const { error } = outcome(() => parseConfig(input));
      const reserved = reservedKeyPath(input);
      if (reserved) expect(error?.issues.map((i) => i.field)).toContain(reserved);
    }), { numRuns: RUNS.json, examples: [['{"":{}}'], ['{"__proto__":{"polluted":1}}'], ['{"reptile":{"constructor":{"prototype":{"x":1}}}}']] });
  });

  it('a preset merged with any JSON patch: the same, and the preset object is left as it was', () => {
    const name = 'synthetic-tiny' as const;
    fc.assert(fc.property(hostileJsonText(), (text) => {
      const base = structuredClone(presets[name].config);
      outcome(() => parseConfig(mergeConfig(base, JSON.parse(text))));
      expect(base).toEqual(presets[name].config);
    }), { numRuns: RUNS.merge });
  });

  it('one field set on a preset is applied as given, or refused with that field named', () => {
    fc.assert(fc.property(fieldSetting(), (settings) => {
      const patch: Record<string, unknown> = {};
      for (const [p, r] of settings) setPath(patch, p, r);
      const [path, raw] = settings[settings.length - 1];
      const { config, error } = outcome(() => parseConfig(mergeConfig(structuredClone(presets['synthetic-tiny'].config), patch)));
      const v = parsed(raw);
      if (config && isScalar(v)) expect(getPath(config, path)).toEqual(v);
      // The field set, or (a cross-field rule) the schema field it conflicts with.
      const named = error?.issues.some((i) => settings.some(([p]) => namesField(p, i.field) || i.message.includes(p)));
      if (error) expect(named || error.issues.every((i) => knownPaths().has(i.field))).toBe(true);
    }), { numRuns: RUNS.field });
  });
});
