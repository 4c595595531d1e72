import { describe, expect, it } from 'vitest';
import { withPath } from '../../engine/config/paths';
import { presetConfig } from '../url/configUrl';
import { fieldDocs, resolveKnobs } from './knobs';

describe('knobs', () => {
  it('binds the paper\'s main knobs to schema fields with descriptions', () => {
    const k = resolveKnobs(presetConfig('synthetic-tiny'));
    for (const p of ['rounds', 'federation.users', 'federation.perRound', 'reptile.innerLr', 'reptile.outerLr', 'task.ways', 'task.trainShots'])
      expect(k.find((x) => x.path === p)?.active).toBe(true);
    expect(k.find((x) => x.path === 'reptile.innerLr')?.doc?.description).toMatch(/η/);
  });

  it('activates a strategy\'s knob only while that strategy is selected', () => {
    const delta = fieldDocs().find((d) => /^defense\..*delta$/.test(d.path));
    expect(delta?.when).toBeDefined();
    if (!delta?.when) throw new Error('defense.fineTune.delta has no strategy condition');
    const off = resolveKnobs(presetConfig('synthetic-tiny')).find((x) => x.path === delta.path);
    expect(off?.active).toBe(false);
    const on = resolveKnobs(withPath(presetConfig('synthetic-tiny'), delta.when.path, { kind: delta.when.kind, delta: 0.5 }));
    expect(on.find((x) => x.path === delta.path)?.active).toBe(true);
  });
});
