import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { parseSweepArgs } from './args';
import { axesOf, expandGrid, gridBase } from './expand';
import { parseGrid } from './grid';
import { heatmaps } from './heatmap';
import { specPng } from './render';
import { buildReport, reportTable, runMetrics } from './report';
import { resultPath } from './store';
import { writeReport } from './sweep';

const grid = parseGrid({ preset: 'synthetic-tiny', grid: { 'eval.steps': [1, 10], seed: [1, 2], 'reptile.innerSteps': [2, 3] } });
const cells = expandGrid(grid, gridBase(grid, '.', () => ({})));

/** A run's lines: attack success evalSteps/20 (+ seed/100) after round 2, fine-tuning halving it over users 1 and 2. */
function lines(evalSteps: number, seed: number, steps: number): object[] {
  const s = evalSteps / 20 + seed / 100;
  return [
    { phase: 'initial', round: 0, metaTestAccuracy: 0.2, attackValSuccess: 0.1 },
    { phase: 'final', round: 2, metaTestAccuracy: 0.5 + steps / 100, attackValSuccess: s, metaTestEpisodes: 10 },
    { phase: 'fine-tune', round: 2, user: 1, iteration: 0, attackValSuccess: 0.9 },
    { phase: 'fine-tune', round: 2, user: 1, iteration: 30, attackValSuccess: s / 2 - 0.01 },
    { phase: 'fine-tune', round: 2, user: 2, iteration: 30, attackValSuccess: s / 2 + 0.01 },
  ];
}

describe('sweep --report', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sweep-report-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // Every cell but one (10 eval steps, seed 2, 3 steps) has finished.
  for (const c of cells.slice(0, -1)) {
    writeFileSync(resultPath(dir, c), lines(c.config.eval.steps, c.config.seed, c.config.reptile.innerSteps).map((l) => JSON.stringify({ ...c.stamp, ...l })).join('\n'));
  }

  it('takes a run\'s rates after its last round and after its last fine-tuning iteration, averaged over users', () => {
    const m = runMetrics(lines(10, 1, 2) as Record<string, unknown>[]);
    expect(Object.fromEntries(m)).toEqual({ 'last.metaTestAccuracy': 0.52, 'last.attackValSuccess': 0.51, 'fineTune.attackValSuccess': 0.255 });
  });

  it('averages each combination of the swept fields over its seeds, in the grid\'s order', () => {
    const r = buildReport(dir, cells, axesOf(grid));
    expect(r.axes).toEqual(['eval.steps', 'reptile.innerSteps']);
    expect(r.rows.map((row) => row.values.map(([, v]) => v))).toEqual([[1, 2], [1, 3], [10, 2], [10, 3]]);
    const b10 = r.rows[2].metrics.get('last.attackValSuccess')!;
    expect(b10.n).toBe(2);
    expect(b10.mean).toBeCloseTo(0.515, 10);
    expect(b10.sd).toBeCloseTo(Math.SQRT1_2 / 100, 10);
    expect(r.rows[3]).toMatchObject({ runs: 1, cells: 2 });
    expect([r.lastRound, r.lastIteration]).toEqual([2, 30]);
    const table = reportTable(r);
    expect(table.split('\n')[0]).toBe('| eval.steps | reptile.innerSteps | seeds | meta test accuracy, round 2 (%) | attack val success, round 2 (%) | attack val success, fine-tuned 30 it. (%) |');
    expect(table).toContain('| 10 | 2 | 2 | 52.0 ± 0.0 | 51.5 ± 0.7 | 25.8 ± 0.4 |');
    expect(table).toContain('| 10 | 3 | 1 of 2 |');
  });

  it('draws a heatmap per metric over the first two swept fields and writes the report', async () => {
    const maps = heatmaps(buildReport(dir, cells, axesOf(grid)));
    expect(maps.map((m) => m.name)).toEqual(['last.metaTestAccuracy', 'last.attackValSuccess', 'fineTune.attackValSuccess']);
    const png = PNG.sync.read(Buffer.from(await specPng(maps[1].spec, 1)));
    expect(png.width).toBeGreaterThan(200);
    const table = await writeReport(parseSweepArgs(['grid.json', '--report', '--out', dir]), grid, cells, () => {});
    const md = readFileSync(join(dir, 'report.md'), 'utf8');
    expect(md).toContain(table);
    expect(md).toContain('](figures/fineTune.attackValSuccess.png)');
    expect(PNG.sync.read(readFileSync(join(dir, 'figures', 'last.attackValSuccess.png'))).height).toBeGreaterThan(100);
  });

  it('refuses what it does not know, naming it', () => {
    expect(() => parseSweepArgs([])).toThrow(/which grid file/);
    expect(() => parseSweepArgs(['g.json', '--parallel', '0'])).toThrow(/--parallel/);
    expect(() => parseSweepArgs(['g.json', '--queue', 'http://x:1'])).toThrow(/redis:\/\/HOST:PORT/);
    expect(() => parseSweepArgs(['--dead-letters'])).toThrow(/needs --queue/);
    expect(() => parseSweepArgs(['g.json', '--frobnicate'])).toThrow(/unknown argument --frobnicate/);
  });
});
