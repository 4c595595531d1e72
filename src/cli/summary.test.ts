import { describe, expect, it } from 'vitest';
import { stat, summarize } from './summary';

describe('seed summaries', () => {
  it('mean and sample standard deviation, by hand', () => {
    expect(stat([0.5, 0.7, 0.9])).toEqual({ mean: expect.closeTo(0.7, 12), sd: expect.closeTo(0.2, 12), n: 3 });
    expect(stat([0.4])).toEqual({ mean: 0.4, sd: 0, n: 1 });
  });
  it('groups by series and round, averages metrics only, and skips a metric some seeds lack', () => {
    const p = (series: string, seed: number, round: number, acc: number, attack?: number) =>
      ({ series, seed, round, phase: 'meta-train', metaTestAccuracy: acc, metaTestEpisodes: 40, elapsedMs: 5, ...(attack === undefined ? {} : { attackTrainSuccess: attack }) });
    const s = summarize([p('twin', 1, 1, 0.2), p('attacked', 1, 1, 0.8, 0.9), p('attacked', 2, 1, 0.6, 0.7), p('attacked', 2, 0, 0.5), p('attacked', 1, 0, 0.5, 0.1)]);
    expect(s.map((x) => [x.series, x.round])).toEqual([['attacked', 0], ['attacked', 1], ['twin', 1]]);
    expect(s[1]).toMatchObject({ seeds: [1, 2], metaTestAccuracy: { mean: expect.closeTo(0.7, 12), n: 2 }, attackTrainSuccess: { mean: expect.closeTo(0.8, 12), n: 2 } });
    expect(s[1]).not.toHaveProperty('metaTestEpisodes');
    expect(s[1]).not.toHaveProperty('elapsedMs');
    expect(s[0]).not.toHaveProperty('attackTrainSuccess'); // seed 2 had none
  });
});
