import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { benignTwin } from '../../engine/config/twin';
import { chenScales, chenStudies } from '../reproduce/chenOmniglot';
import { cellKey } from './cell';
import { cellFile, expandGrid, gridBase } from './expand';
import { GridError, parseGrid } from './grid';
import { loadGrid } from './sweep';

const expand = (raw: unknown) => {
  const g = parseGrid(raw);
  return expandGrid(g, gridBase(g, '.', () => { throw new Error('no file'); }));
};
const issues = (raw: unknown): string[] => {
  try {
    expand(raw);
  } catch (e) {
    if (e instanceof GridError) return e.issues.map((i) => `${i.field}: ${i.message}`);
    throw e;
  }
  throw new Error('the grid was accepted');
};

describe('grid expansion', () => {
  const cells = expand({ preset: 'synthetic-tiny', set: { rounds: 2 }, grid: { 'attack.kind': ['none'], 'reptile.innerSteps': [2, 7], seed: [5, 1] } });

  it('gives one cell per combination, the first field outermost, values as listed', () => {
    expect(cells.map((c) => c.name)).toEqual([
      'attack.kind=none,reptile.innerSteps=2,seed=5',
      'attack.kind=none,reptile.innerSteps=2,seed=1',
      'attack.kind=none,reptile.innerSteps=7,seed=5',
      'attack.kind=none,reptile.innerSteps=7,seed=1',
    ]);
    expect(cells.map((c) => [c.config.reptile.innerSteps, c.config.seed])).toEqual([[2, 5], [2, 1], [7, 5], [7, 1]]);
  });

  it('applies the fixed overrides and keeps the preset everywhere else', () => {
    for (const c of cells) {
      expect(c.config.rounds).toBe(2);
      expect(c.config.model).toMatchObject({ filters: 8 }); // synthetic-tiny's
      expect(c.config.dataset.name).toBe('synthetic');
    }
  });

  it('stamps each cell with its own values and names its file after them', () => {
    expect(cells[2].stamp).toEqual({ cell: 'attack.kind=none,reptile.innerSteps=7,seed=5', 'attack.kind': 'none', 'reptile.innerSteps': 7, seed: 5 });
    expect(cells[2].file).toBe('attack.kind=none,reptile.innerSteps=7,seed=5.jsonl');
    expect(new Set(cells.map((c) => cellKey(c))).size).toBe(cells.length);
  });

  it('gives names that are not safe file names a hashed file, distinct per name', () => {
    const a = cellFile('attack.key={"size":3}'), b = cellFile('attack.key={"size":4}');
    expect(a).toMatch(/^attack\.key=__size__3_~[0-9a-f]{8}\.jsonl$/);
    expect(a).not.toBe(b);
  });

  it('is what the reproduction runs: the Chen grid\'s λ = 3, δ = 0.3 cell is the quick Experiment 4 config', () => {
    const { cells: chen } = loadGrid('src/cli/sweep/grids/chen-quick-boost-delta.json');
    expect(chen).toHaveLength(18);
    const exp4 = chenStudies(chenScales.quick).find((s) => s.id === 'exp4-delta0.3')!.config;
    expect(chen.find((c) => c.name === 'attack.boost=3,defense.fineTune.delta=0.3,seed=1')!.config).toEqual(exp4);
    expect(chen.find((c) => c.name === 'attack.boost=10,defense.fineTune.delta=1,seed=3')!.config).toEqual({
      ...exp4, seed: 3, attack: { ...exp4.attack, boost: 10 }, defense: { ...exp4.defense, fineTune: { ...exp4.defense.fineTune, delta: 1 } },
    });
  });

  it.each(readdirSync('src/cli/sweep/grids'))('loads the committed grid %s into valid cells', (file) => {
    expect(loadGrid(`src/cli/sweep/grids/${file}`).cells.length).toBeGreaterThan(0);
  });

  it('pairs the Chen grid with its benign twins: each twin cell is benignTwin of the λ = 3 cell with the same δ and seed', () => {
    const { cells: attacked } = loadGrid('src/cli/sweep/grids/chen-quick-boost-delta.json');
    const { cells: twins } = loadGrid('src/cli/sweep/grids/chen-quick-delta-twin.json');
    expect(twins).toHaveLength(6);
    for (const t of twins) {
      const a = attacked.find((c) => c.name === `attack.boost=3,${t.name}`)!;
      expect(t.config).toEqual(benignTwin(a.config));
    }
  });
});

describe('grid validation names the field', () => {
  const dir = mkdtempSync(join(tmpdir(), 'grid-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    [{ preset: 'synthetic-tiny', grid: { 'attack.bost': [1] } }, /^grid\.attack\.bost: /],
    [{ preset: 'synthetic-tiny', set: { 'reptile.innerStep': 2 }, grid: { seed: [1] } }, /^set\.reptile\.innerStep: /],
    [{ preset: 'synthetic-tiny', grid: { seed: [] } }, /^grid\.seed: lists no value/],
    [{ preset: 'synthetic-tiny', grid: { seed: [1, 2, 1] } }, /^grid\.seed\[2\]: repeats 1 \(already at \[0\]\)/],
    [{ preset: 'synthetic-tiny', grid: {} }, /^grid: sweeps no field/],
    [{ preset: 'synthetic-tiny', set: { seed: 1 }, grid: { seed: [1] } }, /^grid\.seed: is also under "set"/],
    [{ preset: 'no-such-preset', grid: { seed: [1] } }, /^preset: unknown preset/],
    [{ preset: 'synthetic-tiny', config: {}, grid: { seed: [1] } }, /^config: give a preset or a config, not both/],
    [{ preset: 'synthetic-tiny', grid: { seed: [1] }, seeds: 3 }, /seeds/],
    [{ preset: 'synthetic-tiny', grid: { seed: [1, -1] } }, /^cell seed=-1: seed: /],
    [{ preset: 'synthetic-tiny', grid: { 'reptile.innerSteps': [2, 'many'] } }, /^cell reptile\.innerSteps=many: reptile\.innerSteps: /],
  ])('%j', (raw, message) => {
    expect(issues(raw).some((m) => message.test(m))).toBe(true);
  });

  it('reads a config file relative to the grid file', () => {
    writeFileSync(join(dir, 'base.json'), JSON.stringify({ rounds: 4, dataset: { name: 'synthetic' } }));
    writeFileSync(join(dir, 'grid.json'), JSON.stringify({ config: 'base.json', grid: { seed: [3] } }));
    const { cells } = loadGrid(join(dir, 'grid.json'));
    expect(cells.map((c) => [c.config.rounds, c.config.seed])).toEqual([[4, 3]]);
    expect(JSON.parse(readFileSync(join(dir, 'base.json'), 'utf8'))).toEqual({ rounds: 4, dataset: { name: 'synthetic' } }); // untouched
  });
});
