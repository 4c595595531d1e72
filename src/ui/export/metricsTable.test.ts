import { describe, expect, it } from 'vitest';
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
  it('puts config and seed in the JSON', () => {
    const j = JSON.parse(metricsJson({ preset: 'synthetic-tiny', config: presetConfig('synthetic-tiny'), url: 'x', points: [p(0)], reports: [] }));
    expect(j.seed).toBe(1);
    expect(j.config.rounds).toBe(3);
    expect(j.points).toHaveLength(1);
  });
});
