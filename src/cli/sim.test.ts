import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseArgs, resolveConfig, UsageError } from './args';

const sim = (...args: string[]) =>
  spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/sim.ts', ...args], { encoding: 'utf8', timeout: 120_000 });

describe('sim arguments', () => {
  it('reads a preset, --init and --set overrides', () => {
    const c = resolveConfig(parseArgs(['synthetic-tiny', '--set', 'reptile.innerLr=0.01', '--set', 'rounds=2', '--init', 'm.ckpt']), () => ({}));
    expect(c.dataset.name).toBe('synthetic');
    expect(c.reptile.innerLr).toBe(0.01);
    expect(c.rounds).toBe(2);
    expect(c.init).toEqual({ kind: 'checkpoint', source: 'm.ckpt' });
  });
  it('rejects unknown options and --resume without --checkpoint', () => {
    expect(() => parseArgs(['--bogus'])).toThrow(UsageError);
    expect(() => parseArgs(['--resume'])).toThrow(/--checkpoint/);
    expect(() => parseArgs(['--set', 'x'])).toThrow(/key=value/);
  });
});

describe('npm run sim', () => {
  const dir = mkdtempSync(join(tmpdir(), 'sim-'));

  it('--help lists the presets and the config fields', () => {
    const r = sim('--help');
    expect(r.status).toBe(0);
    for (const s of ['synthetic-tiny', 'omniglot-quick', 'omniglot-paper', 'reptile.innerLr', 'federation.minUpdates']) expect(r.stdout).toContain(s);
  });

  it.each([
    [['--set', 'reptile.innerLr=-1'], 'reptile.innerLr'],
    [['--set', 'reptile.bogus=1'], 'reptile.bogus'],
    [['--set', 'rounds="many"'], 'rounds'],
    [['--set', 'federation.minUpdates=4'], 'federation.minUpdates'],
    [['--set', 'task.ways=50'], 'task.ways'],
  ])('bad input %j: names the field, exits 2, writes nothing', (extra, field) => {
    const out = join(dir, `${field}.jsonl`);
    const r = sim('synthetic-tiny', '--out', out, ...extra);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain(field);
    expect(existsSync(out)).toBe(false);
  });

  it('a config file that does not exist or is not JSON exits 2', () => {
    expect(sim(join(dir, 'missing.json')).status).toBe(2);
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ nope');
    expect(sim(bad).status).toBe(2);
  });

  it('runs a config file and writes one JSON line per evaluation point', () => {
    const cfg = join(dir, 'c.json');
    writeFileSync(cfg, JSON.stringify({
      rounds: 2, dataset: { name: 'synthetic', syntheticClasses: 33, syntheticPerClass: 8, metaTrainClasses: 20, metaTestClasses: 8, rotations: 1, validationPerClass: 2 },
      model: { filters: 4 }, task: { trainShots: 3, testShots: 3 }, reptile: { episodesPerRound: 5, innerSteps: 2 }, eval: { episodes: 2, steps: 2, every: 2 },
    }));
    const out = join(dir, 'run.jsonl');
    const r = sim(cfg, '--out', out, '--quiet');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => [l.phase, l.round])).toEqual([['initial', 0], ['meta-train', 2]]);
    for (const l of lines) for (const k of ['metaTestAccuracy', 'mainTaskAccuracy', 'metaTestEpisodes']) expect(l).toHaveProperty(k);
  });

  it('--paired --seeds 2: each seed with its benign twin, equal until the attack round, and a mean ± sd per round', () => {
    const cfg = join(dir, 'paired.json');
    writeFileSync(cfg, JSON.stringify({
      rounds: 2, dataset: { name: 'synthetic', syntheticClasses: 40, syntheticPerClass: 14, metaTrainClasses: 20, metaTestClasses: 8, rotations: 1, validationPerClass: 2 },
      model: { filters: 4, imageSize: 16 }, task: { trainShots: 3, testShots: 3 }, reptile: { episodesPerRound: 5, innerSteps: 2 }, eval: { episodes: 2, steps: 2 },
      attack: { kind: 'chen-backdoor', schedule: { kind: 'single-shot', round: 2 }, boost: 5, episodes: 10, innerEpochs: 1, benignPerClass: 4, poisonedPerClass: 4 },
    }));
    const out = join(dir, 'paired.jsonl');
    const r = sim(cfg, '--out', out, '--quiet', '--seeds', '2', '--paired');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const lines = readFileSync(out, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const points = lines.filter((l) => l.phase !== 'summary');
    const at = (series: string, seed: number, round: number) => points.find((l) => l.series === series && l.seed === seed && l.round === round);
    expect(points).toHaveLength(2 * 2 * 3); // 2 seeds × (attacked, twin) × rounds 0..2
    for (const seed of [1, 2]) {
      // Same seed, same federation: identical until the attacker strikes at round 2 …
      for (const round of [0, 1]) expect(at('twin', seed, round).attackTrainSuccess).toBe(at('attacked', seed, round).attackTrainSuccess);
      // … where the twin's attacker trains honestly instead.
      expect(at('twin', seed, 2).stepNorm).not.toBe(at('attacked', seed, 2).stepNorm);
    }
    const summary = lines.filter((l) => l.phase === 'summary');
    expect(summary.map((l) => [l.series, l.round])).toEqual([['attacked', 0], ['attacked', 1], ['attacked', 2], ['twin', 0], ['twin', 1], ['twin', 2]]);
    const acc = [1, 2].map((seed) => at('attacked', seed, 2).metaTestAccuracy);
    const mean = (acc[0] + acc[1]) / 2;
    expect(summary[2].metaTestAccuracy.mean).toBeCloseTo(mean, 12);
    expect(summary[2].metaTestAccuracy.sd).toBeCloseTo(Math.abs(acc[0] - acc[1]) / Math.SQRT2, 12);
  });
  it('--paired without an attack, and --seeds with --checkpoint, are usage errors (exit 2)', () => {
    expect(sim('synthetic-tiny', '--paired', '--quiet').status).toBe(2);
    expect(() => parseArgs(['synthetic-tiny', '--seeds', '2', '--checkpoint', 'x.ckpt'])).toThrow(UsageError);
    expect(() => parseArgs(['synthetic-tiny', '--seeds', '0'])).toThrow(/whole number/);
  });
});
