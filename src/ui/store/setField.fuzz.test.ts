import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { configPath, fieldSetting, hostileJsonText } from '../../engine/testing/fuzz/arbitraries';
import { isScalar, parsedRaw } from '../../engine/testing/fuzz/oracles';
import { guardPrototypes } from '../../engine/testing/fuzz/prototypes';
import { parseConfig } from '../../engine/config/parse';
import { getPath } from '../../engine/config/paths';
import { presetConfig } from '../url/configUrl';
import { initialLabState, lab, labStore } from './labStore';

/**
 * lab.setField is how controls change the run, and how a classroom peer's message would: any
 * path and value either apply as given to a config that stays valid, or leave the config as it
 * was (nothing written) with an error for that path.
 */
const RUNS = 1000;

describe('lab.setField fuzz', () => {
  it('applies a field as given or changes nothing and names the path', () => {
    const change = fc.oneof(
      fieldSetting().map((ss) => ss[ss.length - 1]).map(([p, r]) => [p, parsedRaw(r)] as const),
      fc.tuple(configPath(), hostileJsonText().map((t) => JSON.parse(t) as unknown)),
    );
    fc.assert(fc.property(change, ([path, value]) => {
      labStore.setState(initialLabState('synthetic-tiny', presetConfig('synthetic-tiny')));
      const before = labStore.getState().config;
      const ok = guardPrototypes(() => lab.setField(path, value));
      const s = labStore.getState();
      if (ok) {
        expect(parseConfig(s.config)).toEqual(s.config);
        if (isScalar(value)) expect(getPath(s.config, path)).toEqual(value);
      } else {
        expect(s.config).toBe(before);
        expect(Object.hasOwn(s.fieldErrors, path) && s.fieldErrors[path].length > 0).toBe(true);
      }
    }), { numRuns: RUNS, examples: [[['federation', 0]], [['__proto__.polluted', 1]]] }); // federation = 0 once applied the defaults
  });
});
