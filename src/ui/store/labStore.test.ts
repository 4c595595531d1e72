import { beforeEach, describe, expect, it } from 'vitest';
import { withPath } from '../../engine/config/paths';
import type { MetricPoint } from '../../engine/experiment/run';
import type { RoundReport } from '../../engine/fed/coordinator';
import { presetConfig } from '../url/configUrl';
import { etaMs, initialLabState, lab, labStore, roundsDone, runsTwin } from './labStore';

const point = (round: number, acc: number): MetricPoint => ({
  phase: round ? 'meta-train' : 'initial', round, metaTestAccuracy: acc, metaTestEpisodes: 1, mainTaskAccuracy: null,
  mainTaskEpisodes: 0, selected: [], applied: [], stepNorm: null, elapsedMs: 0,
});
const report = (round: number) => ({ round, selected: [], applied: [], weights: [], updateNorms: [], stepNorm: 0, durationMs: 1 }) as unknown as RoundReport;

describe('lab store', () => {
  beforeEach(() => labStore.setState(initialLabState('synthetic-tiny', presetConfig('synthetic-tiny'))));

  it('applies a valid field and rejects an invalid one with a message for that field', () => {
    expect(lab.setField('reptile.innerLr', 0.02)).toBe(true);
    expect(labStore.getState().config.reptile.innerLr).toBe(0.02);
    expect(lab.setField('federation.perRound', 99)).toBe(false);
    expect(labStore.getState().config.federation.perRound).toBe(3);
    expect(labStore.getState().fieldErrors['federation.perRound']).toMatch(/≤/);
    lab.setField('federation.perRound', 2);
    expect(labStore.getState().fieldErrors['federation.perRound']).toBeUndefined();
    expect(labStore.getState().config.federation.minUpdates).toBe(2); // followed M_round down
    lab.setField('federation.users', 1);
    expect(labStore.getState().config.federation).toMatchObject({ users: 1, perRound: 1, minUpdates: 1 });
  });

  it('keeps one point per round, in order', () => {
    lab.addPoint(point(1, 0.3));
    lab.addPoint(point(0, 0.2));
    lab.addPoint(point(1, 0.4));
    expect(labStore.getState().points.map((p) => [p.round, p.metaTestAccuracy])).toEqual([[0, 0.2], [1, 0.4]]);
  });

  it('estimates the time left from the rounds timed so far', () => {
    labStore.setState({ timing: { rounds: 0, ms: 0, since: 1000 } });
    expect(etaMs(labStore.getState())).toBeNull();
    lab.addReport(report(1), 3000);
    expect(etaMs(labStore.getState())).toBe(2000 * (3 - 1));
  });
});

describe('rounds done', () => {
  it('is the last round reported, in any order, and 0 before any', () => {
    const reports = (...rounds: number[]) => rounds.map((round) => ({ round }) as RoundReport);
    expect(roundsDone({ reports: [] })).toBe(0);
    expect(roundsDone({ reports: reports(1, 3, 2) })).toBe(3);
  });
});

describe('lab store: the benign twin', () => {
  beforeEach(() => labStore.setState(initialLabState('synthetic-tiny', presetConfig('synthetic-tiny'))));

  it('keeps the twin\'s points apart from the run\'s, one per round, and clears both with the run', () => {
    lab.addPoint(point(0, 0.2));
    lab.addTwinPoint(point(1, 0.6));
    lab.addTwinPoint(point(0, 0.3));
    lab.addTwinPoint(point(1, 0.7));
    lab.addTwinReport(report(1));
    const s = labStore.getState();
    expect(s.points.map((p) => [p.round, p.metaTestAccuracy])).toEqual([[0, 0.2]]);
    expect(s.twin.points.map((p) => [p.round, p.metaTestAccuracy])).toEqual([[0, 0.3], [1, 0.7]]);
    expect(s.twin.reports).toHaveLength(1);
    expect(s.reports).toEqual([]); // nor does the twin's round move the run's progress or ETA
    lab.clearRun();
    expect(labStore.getState().twin).toEqual({ points: [], reports: [], fineTune: [] });
  });

  it('runs the twin only when paired and the config has an attack', () => {
    const attacked = withPath(presetConfig('synthetic-tiny'), 'attack', { kind: 'chen-backdoor' }) as ReturnType<typeof presetConfig>;
    expect(runsTwin({ paired: true, config: presetConfig('synthetic-tiny') })).toBe(false);
    expect(runsTwin({ paired: false, config: attacked })).toBe(false);
    expect(runsTwin({ paired: true, config: attacked })).toBe(true);
  });
});
