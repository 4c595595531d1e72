import { describe, expect, it } from 'vitest';
import { parseArgs, resolveConfig } from '../args';
import { clipStudy } from './zhouDefenses';
import { zhouScales, zhouStudies } from './zhouMnist';

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

describe('Zhou Fig. 6a\'s clipping curve', () => {
  it('runs the proposed attack once per bound of the curve, each differing from M = 1 only in M', () => {
    const studies = zhouStudies({ ...zhouScales.tiny, clipCurve: [2, 5] });
    const base = studies.find((s) => s.id === 'clip-zhou')!.config;
    for (const m of [2, 5]) {
      const c = studies.find((s) => s.id === clipStudy(m))!.config;
      expect(c.federation.aggregator).toEqual({ ...base.federation.aggregator, maxNorm: m });
      expect({ ...c, federation: base.federation }).toEqual(base);
    }
  });
});

describe('zhou-mnist\'s second reading of eq. 4', () => {
  it('runs MA_t and SA_t from G^t, each differing from the phase-moves study only in attack.parts', () => {
    const studies = zhouStudies(zhouScales.full);
    for (const shots of ['ma', 'sa']) {
      const pm = studies.find((s) => s.id === `${shots}-zhou`)!.config;
      const fg = studies.find((s) => s.id === `${shots}-zhou-fg`)!;
      expect(pm.attack.kind === 'zhou-am' && pm.attack.parts).toBe('phase-moves');
      expect(fg.series).toEqual(['attacked']);
      expect(fg.config).toEqual({ ...pm, attack: { ...pm.attack, parts: 'from-global' } });
    }
  });
});
