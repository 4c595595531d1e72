import { describe, expect, it } from 'vitest';
import { mergeConfig, parseConfig, setPath } from '../../engine/config/parse';
import { presets } from '../../engine/config/presets';
import type { ConfigInput } from '../../engine/config/schema';
import { zhouScales, zhouStudies } from './zhouMnist';

const withSet = (config: ConfigInput, sets: Record<string, string>) => {
  const patch: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(sets)) setPath(patch, k, v);
  return parseConfig(mergeConfig(structuredClone(config), patch));
};

describe('zhou-mnist-multi, the app\'s Fig. 4', () => {
  const study = (id: string) => zhouStudies(zhouScales.quick).find((s) => s.id === id)!.config;

  it('is the multi-shot study of the quick reproduction, whose numbers its description quotes', () => {
    expect(parseConfig(structuredClone(presets['zhou-mnist-multi'].config))).toEqual(study('ma-zhou'));
  });

  it('becomes the reproduction\'s Krum and norm-clipping studies with the --set its description gives', () => {
    const config = presets['zhou-mnist-multi'].config as ConfigInput;
    expect(withSet(config, { 'federation.aggregator.kind': 'krum' })).toEqual(study('krum-zhou'));
    expect(withSet(config, { 'federation.aggregator.kind': 'norm-clipping' })).toEqual(study('clip-zhou'));
  });
});
