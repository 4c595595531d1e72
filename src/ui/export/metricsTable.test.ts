import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../engine/config/parse';
import { withPath } from '../../engine/config/paths';
import type { MetricPoint } from '../../engine/experiment/run';
import { presetConfig } from '../url/configUrl';
import { metricsCsv, metricsJson } from './metricsTable';

const p = (round: number, extra: Record<string, unknown> = {}) => ({
  phase: 'meta-train', round, metaTestAccuracy: 0.5, metaTestEpisodes: 2, mainTaskAccuracy: null, mainTaskEpisodes: 0,
  selected: [0, 2], applied: [0], stepNorm: 1.5, elapsedMs: 10, ...extra,
}) as MetricPoint;

describe('metric export', () => {
  it('writes charted columns first, keeps extra fields and quotes lists', () => {
    const csv = metricsCsv([p(0), p(1, { attackTrainSuccess: 0.8 })]).trim().split('\n');
    expect(csv[0].startsWith('round,phase,metaTestAccuracy,mainTaskAccuracy,attackTrainSuccess,attackValSuccess,stepNorm')).toBe(true);
    expect(csv[2]).toContain(',0.8,');
    expect(csv[1]).toContain('"[0,2]"');
  });
  it('puts the benign twin beside the run, round by round, under twin.… columns', () => {
    const q = (o: Record<string, unknown>) => o as unknown as MetricPoint;
    const run = [q({ round: 0, phase: 'initial', metaTestAccuracy: 0.5, attackTrainSuccess: 0.1 }), q({ round: 2, phase: 'attack', metaTestAccuracy: 0.4, attackTrainSuccess: 0.9 })];
    const twin = [
      q({ round: 0, phase: 'initial', metaTestAccuracy: 0.5, attackTrainSuccess: 0.1 }),
      q({ round: 1, phase: 'pretrain', metaTestAccuracy: 0.55, attackTrainSuccess: 0.1 }), // a round the run has not evaluated yet
      q({ round: 2, phase: 'attack', metaTestAccuracy: 0.6, attackTrainSuccess: 0.2 }),
    ];
    expect(metricsCsv(run, 'meta', twin)).toBe([
      'round,phase,metaTestAccuracy,mainTaskAccuracy,attackTrainSuccess,attackValSuccess,stepNorm,twin.metaTestAccuracy,twin.mainTaskAccuracy,twin.attackTrainSuccess,twin.attackValSuccess,twin.stepNorm',
      '0,initial,0.5,,0.1,,,0.5,,0.1,,',
      '1,,,,,,,0.55,,0.1,,',
      '2,attack,0.4,,0.9,,,0.6,,0.2,,',
      '',
    ].join('\n'));
    expect(metricsCsv(run, 'meta')).not.toContain('twin.'); // an unpaired run: the columns as before
  });

  it('carries both series in the JSON of a paired run, the twin with its config', () => {
    const config = parseConfig(withPath(presetConfig('synthetic-tiny'), 'attack', { kind: 'chen-backdoor' }));
    const twin = { points: [p(0, { metaTestAccuracy: 0.6 })], reports: [], fineTune: [] };
    const j = JSON.parse(metricsJson({ preset: 'synthetic-tiny', config, url: 'x', points: [p(0)], reports: [], twin }));
    expect(j.paired).toBe(true);
    expect(j.points[0].metaTestAccuracy).toBe(0.5);
    expect(j.twin.points[0].metaTestAccuracy).toBe(0.6);
    expect(j.twin.config.attack.twin).toBe(true);
    expect(j.config.attack.twin).toBe(false);
    const unpaired = JSON.parse(metricsJson({ preset: 'synthetic-tiny', config, url: 'x', points: [p(0)], reports: [], twin: { points: [], reports: [], fineTune: [] } }));
    expect(unpaired.paired).toBe(false);
    expect(unpaired.twin).toBeUndefined();
  });

  it('puts config and seed in the JSON', () => {
    const j = JSON.parse(metricsJson({ preset: 'synthetic-tiny', config: presetConfig('synthetic-tiny'), url: 'x', points: [p(0)], reports: [] }));
    expect(j.seed).toBe(1);
    expect(j.config.rounds).toBe(3);
    expect(j.points).toHaveLength(1);
  });
});
