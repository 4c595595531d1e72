import { describe, expect, it } from 'vitest';
import { withPath } from '../../engine/config/paths';
import { decodeConfigUrl, encodeConfigUrl, presetConfig } from './configUrl';

describe('config URL codec', () => {
  it('round-trips a changed config through the URL', () => {
    let c = presetConfig('synthetic-tiny');
    c = withPath(c, 'reptile.innerLr', 0.01);
    c = withPath(c, 'seed', 7);
    c = withPath(c, 'federation.aggregator.weighting', 'uniform');
    const url = encodeConfigUrl('synthetic-tiny', c, { backend: 'wasm' });
    expect(url).toContain('preset=synthetic-tiny');
    expect(url).toContain('seed=7');
    expect(url).toContain('set.reptile.innerLr=0.01');
    expect(url).toContain('set.federation.aggregator.weighting=uniform');
    const back = decodeConfigUrl(url);
    expect(back.messages).toEqual([]);
    expect(back.preset).toBe('synthetic-tiny');
    expect(back.config).toEqual(c);
    expect(back.extra.backend).toBe('wasm');
  });

  it('carries the benign-twin switch as paired=1, and ignores any other value with a message', () => {
    const c = presetConfig('synthetic-tiny');
    const url = encodeConfigUrl('synthetic-tiny', c, {}, true);
    expect(url).toBe('?preset=synthetic-tiny&paired=1');
    expect(decodeConfigUrl(url)).toMatchObject({ paired: true, messages: [] });
    expect(encodeConfigUrl('synthetic-tiny', c)).not.toContain('paired');
    expect(decodeConfigUrl('?preset=synthetic-tiny&paired=0')).toMatchObject({ paired: false, messages: [] });
    const bad = decodeConfigUrl('?preset=synthetic-tiny&paired=%3Cscript%3E');
    expect(bad.paired).toBe(false);
    expect(bad.messages).toEqual(['URL parameter paired=<script> ignored (1 runs the benign twin alongside, 0 does not); the benign twin is off.']);
  });

  it('carries a strategy\'s kind with its fields', () => {
    const c = withPath(presetConfig('synthetic-tiny'), 'init', { kind: 'checkpoint', source: '/checkpoints/x.ckpt' });
    const url = encodeConfigUrl('synthetic-tiny', c);
    expect(url.indexOf('set.init.kind=checkpoint')).toBeLessThan(url.indexOf('set.init.source'));
    expect(decodeConfigUrl(url).config.init).toEqual({ kind: 'checkpoint', source: '/checkpoints/x.ckpt' });
  });

  it('keeps the preset\'s other fields of an object it writes without a kind (model: { filters, … })', () => {
    // synthetic-tiny gives model: { filters: 8 } and no kind; changing imageSize writes model.kind,
    // and reading that back rebuilds model from the URL alone: filters must travel with it.
    const c = withPath(presetConfig('synthetic-tiny'), 'model.imageSize', 8);
    const back = decodeConfigUrl(encodeConfigUrl('synthetic-tiny', c)).config;
    expect(back.model).toEqual(c.model);
    expect(back.model).toMatchObject({ imageSize: 8, filters: 8 });
  });

  it('writes only the preset for an unchanged config', () => {
    expect(encodeConfigUrl('classroom-demo', presetConfig('classroom-demo'))).toBe('?preset=classroom-demo');
    expect(decodeConfigUrl('').config).toEqual(presetConfig('classroom-demo'));
  });

  it('drops a bad parameter with a message naming it and keeps the good ones', () => {
    const s = decodeConfigUrl('?preset=synthetic-tiny&set.reptile.innerLr=-1&set.rounds=5&set.reptile.bogus=3');
    expect(s.config.rounds).toBe(5);
    expect(s.config.reptile.innerLr).toBe(presetConfig('synthetic-tiny').reptile.innerLr);
    expect(s.messages.join('\n')).toMatch(/set\.reptile\.innerLr=-1 ignored/);
    expect(s.messages.join('\n')).toMatch(/set\.reptile\.bogus=3 ignored/);
  });

  it('falls back to the default preset for an unknown one and names it', () => {
    const s = decodeConfigUrl('?preset=nope&seed=abc');
    expect(s.preset).toBe('classroom-demo');
    expect(s.messages[0]).toMatch(/Unknown preset "nope"/);
    expect(s.messages[1]).toMatch(/seed=abc ignored/);
    expect(s.config.seed).toBe(presetConfig('classroom-demo').seed);
  });

  it('drops parameters that break a cross-field rule', () => {
    const s = decodeConfigUrl('?preset=synthetic-tiny&set.federation.perRound=9');
    expect(s.config.federation.perRound).toBe(presetConfig('synthetic-tiny').federation.perRound);
    expect(s.messages[0]).toMatch(/federation\.perRound/);
  });
});
