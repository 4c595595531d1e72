import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configPath, fieldSetting, hostileJsonText, hostileKey } from '../../engine/testing/fuzz/arbitraries';
import { isScalar, parsedRaw as parsed, touches } from '../../engine/testing/fuzz/oracles';
import { guardPrototypes } from '../../engine/testing/fuzz/prototypes';
import { mergeConfig, parseConfig, setPath } from '../../engine/config/parse';
import { getPath } from '../../engine/config/paths';
import { presetNames, presets } from '../../engine/config/presets';
import { clip, decodeConfigUrl, encodeConfigUrl } from './configUrl';

/**
 * A shared link is untrusted input. Whatever its query string: the app gets a valid config and a
 * real preset, nothing throws, no prototype changes, and every parameter not used as given has a
 * message naming it.
 */
const RUNS = { hostile: 500, raw: 500, roundTrip: 300 };


const value = (): fc.Arbitrary<string> => fc.oneof(
  fc.constantFrom(...presetNames, '__proto__', 'constructor', 'toString', '<script>alert(1)</script>', '"><img src=x onerror=alert(1)>', '1', '-1', 'webgpu', ''),
  hostileJsonText(),
  fc.string({ maxLength: 200 }),
);
const param = (): fc.Arbitrary<[string, string][]> => fc.oneof(
  fieldSetting().map((ss) => ss.map(([p, r]): [string, string] => [`set.${p}`, r])),
  fc.tuple(fc.oneof(fc.constantFrom('preset', 'seed', 'backend', 'paired', 'set.', 'rounds', 'set'), configPath().map((p) => `set.${p}`), hostileKey()), value()).map((kv) => [kv]),
);
const query = (): fc.Arbitrary<string> =>
  fc.array(param(), { maxLength: 6 }).map((ps) => `?${new URLSearchParams(ps.flat()).toString()}`);

function checkState(search: string) {
  const s = guardPrototypes(() => decodeConfigUrl(search));
  expect(Object.hasOwn(presets, s.preset)).toBe(true);
  expect(parseConfig(s.config)).toEqual(s.config);
  for (const m of s.messages) expect(m.length).toBeLessThan(1200);
  return s;
}

describe('config URL fuzz', () => {
  it('any parameters: a valid run, and each parameter used as given or named in a message', () => {
    fc.assert(fc.property(query(), (search) => {
      const s = checkState(search);
      const q = [...new URLSearchParams(search)];
      const said = (k: string) => s.messages.some((m) => m.includes(clip(k)));
      const asked = new URLSearchParams(search).get('preset');
      if (asked !== null && !Object.hasOwn(presets, asked)) expect(s.messages.join('\n')).toContain('Unknown preset');
      const paths = q.map(([k]) => (k === 'seed' ? 'seed' : k.startsWith('set.') ? k.slice(4) : undefined));
      q.forEach(([k, v], i) => {
        if (!['preset', 'seed', 'backend', 'paired'].includes(k) && !k.startsWith('set.')) expect(said(k)).toBe(true);
        if (k === 'paired' && v !== '1' && v !== '0' && new URLSearchParams(search).get('paired') === v) expect(said(k)).toBe(true);
        const path = paths[i];
        if (path === undefined || said(k)) return;
        // Not named, so used: with no other parameter on the same field, the config holds it as given.
        if (k === 'seed' && q.findIndex(([x]) => x === 'seed') !== i) return; // only the first seed= is read
        const alone = paths.every((p, j) => j === i || p === undefined || !touches(p, path));
        if (alone && isScalar(parsed(v))) expect(getPath(s.config, path)).toEqual(parsed(v));
      });
    }), {
      numRuns: RUNS.hostile,
      examples: [ // the cases, and what the fuzzer found on the way
        ['?set.__proto__.polluted=1'], ['?rounds=3'], ['?preset=constructor'], ['?set.seed=%5B%5D'],
        ['?set.attack.kind=bhagoji-explicit&set.attack.schedule.kind=%7B%22__proto__%22%3A%5B%5D%7D&set.eval.episodes=false'],
      ],
    });
  });

  it('any raw query string, percent-escapes and all, decodes without throwing', () => {
    fc.assert(fc.property(fc.string({ maxLength: 300 }), fc.string({ unit: 'binary', maxLength: 100 }), (a, b) => {
      checkState(a);
      checkState(`?set.${b}=${a}&${a}`);
    }), { numRuns: RUNS.raw });
  });

  it('a valid run survives the round trip through its link, with no messages', () => {
    fc.assert(fc.property(fc.constantFrom(...presetNames), fieldSetting(), (preset, settings) => {
      const patch: Record<string, unknown> = {};
      for (const [p, r] of settings) setPath(patch, p, r);
      let config;
      try { config = parseConfig(mergeConfig(structuredClone(presets[preset].config), patch)); } catch { fc.pre(false); return; }
      const back = checkState(encodeConfigUrl(preset, config, {}, settings.length % 2 === 1));
      expect(back.messages).toEqual([]);
      expect(back.preset).toBe(preset);
      expect(back.config).toEqual(config);
      expect(back.paired).toBe(settings.length % 2 === 1);
    }), { numRuns: RUNS.roundTrip, examples: [['chen-exp1b', [['attack.kind', 'bhagoji-alternating'], ['attack.scenario', 'b']]]] });
  });
});
