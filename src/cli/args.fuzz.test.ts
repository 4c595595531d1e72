import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configPath, fieldSetting, hostileJsonText } from '../engine/testing/fuzz/arbitraries';
import { isScalar, namesField, parsedRaw } from '../engine/testing/fuzz/oracles';
import { guardPrototypes } from '../engine/testing/fuzz/prototypes';
import { knownPaths } from '../engine/config/knownPaths';
import { parseConfig } from '../engine/config/parse';
import { getPath } from '../engine/config/paths';
import { presetNames } from '../engine/config/presets';
import { inputError, parseArgs, resolveConfig } from './args';

/**
 * `npm run sim` arguments and config files, through the functions sim.ts calls: a valid config,
 * or an error that inputError maps to exit 2 with a message; never anything that would exit 1,
 * and no prototype changed. (Exit codes and --out on failure are spawned in hostile.test.ts.)
 */
const RUNS = { argv: 1000, set: 1000 };

/** Config files by name: hostile JSON, not JSON, missing. */
const reader = (text: string) => (path: string): unknown => {
  if (path === 'missing.json') throw Object.assign(new Error(`ENOENT: no such file or directory, open '${path}'`), { code: 'ENOENT' });
  if (path === 'bad.json') return JSON.parse('{ nope');
  return JSON.parse(text);
};

const token = (): fc.Arbitrary<string[]> => fc.oneof(
  fc.constantFrom(...presetNames, 'constructor', '__proto__', 'toString', 'cfg.json', 'missing.json', 'bad.json').map((s) => [s]),
  fc.tuple(configPath(), fc.oneof(hostileJsonText(), fc.string({ maxLength: 8 }))).map(([p, v]) => ['--set', `${p}=${v}`]),
  fieldSetting().map((ss) => ss.flatMap(([p, r]) => ['--set', `${p}=${r}`])),
  fc.constantFrom('--set', '--out', '--init', '--backend', '--checkpoint', '--resume', '--quiet', '--bogus', 'x.ckpt', '=1', '--set=1').map((s) => [s]),
);

function run(argv: string[], text = '{}'): { config?: unknown; message?: string } {
  try {
    const config = guardPrototypes(() => resolveConfig(parseArgs(argv), reader(text)));
    expect(parseConfig(config)).toEqual(config);
    return { config };
  } catch (e) {
    const message = inputError(e);
    if (message === undefined) throw e; // would exit 1: a crash, not a named input error
    expect(message).toMatch(/^error: \S/);
    return { message };
  }
}

describe('sim arguments fuzz', () => {
  it('any arguments and config file: a valid config or an input error (exit 2)', () => {
    fc.assert(fc.property(fc.array(token(), { maxLength: 6 }), hostileJsonText(), (tokens, text) => {
      const argv = tokens.flat();
      const { config } = run(argv, text);
      // A config file that is not one JSON object never runs (it used to run the defaults).
      const file = argv.find((a, i) => a === 'cfg.json' && !['--out', '--init', '--backend', '--checkpoint', '--set'].includes(argv[i - 1]));
      const root: unknown = JSON.parse(text);
      if (config && file) expect(typeof root === 'object' && root !== null && !Array.isArray(root)).toBe(true);
    }), { numRuns: RUNS.argv, examples: [[[['synthetic-tiny'], ['--set', '__proto__.polluted=1']], '{}'], [[['cfg.json']], '[1]'], [[['constructor']], '{}']] });
  });

  it('--set on a preset: applied as given, or exit 2 naming the field set', () => {
    fc.assert(fc.property(fc.constantFrom(...presetNames), fc.oneof(fieldSetting(), fc.tuple(configPath(), fc.string({ maxLength: 8 })).map((s) => [s])), (preset, settings) => {
      const argv = [preset, ...settings.flatMap(([p, r]) => ['--set', `${p}=${r}`])];
      const [kv] = argv.slice(-1);
      const path = kv.slice(0, kv.indexOf('='));
      const raw = kv.slice(kv.indexOf('=') + 1);
      const { config, message } = run(argv);
      if (config) {
        if (isScalar(parsedRaw(raw))) expect(getPath(config, path)).toEqual(parsedRaw(raw));
      } else if (path && !knownPaths().has(path)) {
        expect(message).toContain(path);
      } else if (path) {
        // "error: invalid config" then one "  field: message" line per issue
        const fields = message!.split('\n').slice(1).map((l) => l.trim().split(': ')[0]);
        // The field set, or (a cross-field rule) the schema field it conflicts with.
        const named = settings.some(([p]) => fields.some((f) => namesField(p, f)) || message!.includes(p));
        expect(named || fields.every((f) => knownPaths().has(f))).toBe(true);
      }
    }), { numRuns: RUNS.set });
  });

  it('maps bad input to exit 2 and everything else to a crash (exit 1)', () => {
    expect(inputError(Object.assign(new Error('ENOENT: x'), { code: 'ENOENT' }))).toBe('error: ENOENT: x');
    expect(inputError(new SyntaxError('Unexpected token'))).toBe('error: Unexpected token');
    for (const e of [new Error('boom'), new TypeError('x is undefined'), null, undefined, 'text', { code: 42 }]) expect(inputError(e)).toBeUndefined();
  });
});
