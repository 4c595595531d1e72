import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { createRng } from '../rng';
import { setupSmall, smallAttack } from '../testing/attackSetting';
import { attackProbes, benignUsers, experimentFineTuneTasks } from './attackProbes';
import { runFineTunePhase, type FineTunePoint } from './phase';

beforeAll(async () => { await initNodeBackend('wasm'); });

describe('fine-tuning episodes of an attacked experiment', () => {
  it('leave out the attacker, always contain the target, and probe both backdoor sets', async () => {
    const c = smallAttack({ kind: 'chen-backdoor', attacker: 1 }, { federation: { users: 3, perRound: 3, minUpdates: 3 }, eval: { attackTargetPlacement: 'last' } });
    const { ds, exp } = await setupSmall(c);
    const bd = exp.backdoor!;
    expect(benignUsers(c, 3)).toEqual([0, 2]);
    const probes = attackProbes(c, ds, bd)!;
    // 5 keyed examples of each of the 4 backdoor classes for training; the rest (20 − 10 − 5) held out
    expect(probes.sets.map((s) => [s.metric, s.batch.n])).toEqual([['attackTrainSuccess', 20], ['attackValSuccess', 20]]);
    expect(probes.alsoInclude).toEqual([]); // scenario (a)
    const [main, test] = experimentFineTuneTasks(exp, ds, c).draw(0, createRng(1));
    expect(main.probes.map((p) => p.metric)).toEqual(['mainTaskAccuracy', 'attackTrainSuccess', 'attackValSuccess']);
    expect(test.probes.map((p) => p.metric)).toEqual(['metaTestAccuracy']);
    // the target's benign examples are in the support set (5 of them, 5-shot), on the last output
    // where the attacker put it (eval.attackTargetPlacement 'last')
    const px = ds.width * ds.width;
    const targetImages = new Set(bd.targets[0].train.map((i) => ds.images.subarray(i * px, (i + 1) * px).join()));
    const labels: number[] = [];
    for (let k = 0; k < main.support.n; k++) if (targetImages.has(Array.from(main.support.x.subarray(k * px, (k + 1) * px), (v) => Math.round(v * 255)).join())) labels.push(main.support.y[k]);
    expect(labels).toEqual([4, 4, 4, 4, 4]);
  });

  it('in scenario (c) also contain the backdoor classes, correctly labelled', async () => {
    const c = smallAttack({ kind: 'chen-backdoor', scenario: 'c' });
    const { ds, exp } = await setupSmall(c);
    expect(attackProbes(c, ds, exp.backdoor)!.alsoInclude).toHaveLength(4);
  });

  it('give per-user curves with attack success, for the benign users only', async () => {
    const c = smallAttack({ kind: 'chen-backdoor' }, { defense: { fineTune: { kind: 'supervised', iterations: 2, every: 1, episodes: 1 } } });
    const { ds, exp } = await setupSmall(c);
    const points: FineTunePoint[] = [];
    await runFineTunePhase({ setup: exp, config: c, ds, global: exp.initial, round: 2 }, { onPoint: (p) => points.push(p) });
    expect(points.map((p) => [p.user, p.iteration])).toEqual([[1, 0], [1, 1], [1, 2]]);
    for (const p of points) for (const m of ['mainTaskAccuracy', 'metaTestAccuracy', 'attackTrainSuccess', 'attackValSuccess'] as const) {
      expect(p[m]).toBeGreaterThanOrEqual(0);
      expect(p[m]).toBeLessThanOrEqual(1);
    }
  });
});
