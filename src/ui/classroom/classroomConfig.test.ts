import { describe, expect, it } from 'vitest';
import { presetConfig } from '../url/configUrl';
import { classroomConfig } from './classroomConfig';

describe('classroomConfig', () => {
  it('gives a preset without an attack one hidden boosted backdoor halfway, sized for its data', () => {
    const c = classroomConfig(presetConfig('synthetic-tiny'));
    expect(c.attack).toMatchObject({ kind: 'chen-backdoor', boost: 3, schedule: { kind: 'single-shot', round: 2 }, episodes: 40 });
    // 12 glyphs per class: 6 for benign users (5-shot support + 5+1 queries), 5 for the attacker, 1 held out.
    expect(c.attack).toMatchObject({ benignPerClass: 6, poisonedPerClass: 5 });
  });
  it('leaves a preset that already has an attack as it is, but for applying updates as they arrive', () => {
    const c = presetConfig('classroom-synthetic');
    expect(c.federation.arrivals).toBe('simulated');
    expect(classroomConfig(c)).toEqual({ ...c, federation: { ...c.federation, arrivals: 'real' } });
  });
});
