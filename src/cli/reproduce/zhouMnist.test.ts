import { describe, expect, it } from 'vitest';
import { parseArgs, resolveConfig } from '../args';
import { clipStudy, zhouScales, zhouStudies } from './zhouMnist';

/** The config `npm run sim -- ARGS` runs, through the CLI's own argument handling. */
const simConfig = (...argv: string[]) => resolveConfig(parseArgs(argv), () => { throw new Error('no config file here'); });

describe('zhou-mnist-multi, the app\'s Fig. 4', () => {
  const study = (id: string) => zhouStudies(zhouScales.quick).find((s) => s.id === id)!.config;

  it('is the multi-shot study of the quick reproduction, whose numbers its description quotes', () => {
    expect(simConfig('zhou-mnist-multi')).toEqual(study('ma-zhou'));
  });

  it('becomes the reproduction\'s Krum and norm-clipping studies (every bound M) with the --set its description gives', () => {
    expect(simConfig('zhou-mnist-multi', '--set', 'federation.aggregator.kind=krum')).toEqual(study('krum-zhou'));
    expect(simConfig('zhou-mnist-multi', '--set', 'federation.aggregator.kind=norm-clipping')).toEqual(study('clip-zhou'));
    for (const m of [2, 3, 5]) expect(simConfig('zhou-mnist-multi', '--set', 'federation.aggregator.kind=norm-clipping', '--set', `federation.aggregator.maxNorm=${m}`)).toEqual(study(clipStudy(m)));
  });
});
