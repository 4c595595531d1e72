import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PNG } from 'pngjs';
import { runJob } from '../runJob';
import { reproductions } from './registry';
import { upsertSection } from './resultsPage';
import { expandJobs } from './plan';
import { parseReproduceArgs, reproduce, type JobRunner } from './reproduce';

// The tiny reproduction (synthetic glyphs, 1 seed) end to end, its jobs in-process.
const inProcess: JobRunner = async (job, onLine) => { await runJob(job.config, 'wasm', (e) => { if (e.type === 'point' || e.type === 'fine-tune') onLine(e.point); }); };

describe('npm run reproduce -- chen-omniglot --tiny', () => {
  const root = mkdtempSync(join(tmpdir(), 'reproduce-'));
  const args = { ...parseReproduceArgs(['chen-omniglot', '--tiny', '--out', join(root, 'runs'), '--docs', join(root, 'docs')]), parallel: 1 };
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('runs every study with its twin, draws each paper figure and writes the results table', async () => {
    const logs: string[] = [];
    const first = await reproduce(args, (s) => logs.push(s), inProcess);
    const jobs = expandJobs(reproductions['chen-omniglot'].studies(reproductions['chen-omniglot'].scale('tiny')), 1);
    expect(first).toEqual({ ran: jobs.length, skipped: 0 });
    for (const j of jobs) expect(existsSync(join(root, 'runs', j.file))).toBe(true);
    expect(logs.some((l) => /ETA/.test(l))).toBe(true);
    const figs = readdirSync(join(root, 'docs', 'figures', 'chen-omniglot')).sort();
    expect(figs).toEqual(['delta.png', 'fig3a.png', 'fig3b.png', 'fig3c.png', 'fig5.png', 'fig8.png', 'fig9.png', 'length.png']);
    const png = PNG.sync.read(readFileSync(join(root, 'docs', 'figures', 'chen-omniglot', 'fig3a.png')));
    expect(png.width).toBeGreaterThan(300);
    const md = readFileSync(join(root, 'docs', 'results.md'), 'utf8');
    expect(md).toContain('| Fig. 3a | Exp. 1(a) attack success (training set) after the attack | 78% |');
    expect(md).toContain('![Fig. 9');
    expect(md).not.toMatch(/not run/); // every claim found its runs
    // the twin column is the twin's own number: the twin never attacks, so its lines have no attacker
    const twin = readFileSync(join(root, 'runs', 'exp1-a', 'twin-seed1.jsonl'), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l));
    expect(twin.every((l) => l.series === 'twin' && l.seed === 1)).toBe(true);
  }, 240_000);

  it('resumes: a second invocation skips the finished runs and re-runs a half-written one', async () => {
    const path = join(root, 'runs', 'length-5', 'attacked-seed1.jsonl');
    const before = statSync(path).mtimeMs;
    rmSync(join(root, 'runs', 'exp1-a', 'attacked-seed1.jsonl')); // as if killed mid-run (its .partial is never read)
    const second = await reproduce(args, () => {}, inProcess);
    expect(second.ran).toBe(1);
    expect(statSync(path).mtimeMs).toBe(before);
    expect(existsSync(join(root, 'runs', 'exp1-a', 'attacked-seed1.jsonl'))).toBe(true);
  }, 120_000);

  it.each([['zhou-mnist', ['fig4.png', 'fig5.png', 'fig6a.png']], ['zhou-mnist-table2', ['fig4.png', 'fig5.png', 'fig6a.png']], ['bhagoji-fmnist', ['alternating.png', 'explicit.png', 'krum.png']], ['chen-omniglot-persistence', ['fig3.png']], ['chen-omniglot-paper-persistence', ['fig3.png', 'length.png']], ['chen-omniglot-inner-epochs', ['epochs.png']], ['chen-omniglot-finetune', ['delta.png', 'fig5.png', 'fig8.png', 'fig9.png']]] as const)('%s --tiny runs, draws its figures and adds its section beside Chen\'s', async (name, figures) => {
    const a = { ...parseReproduceArgs([name, '--tiny', '--out', join(root, `runs-${name}`), '--docs', join(root, 'docs')]), parallel: 1 };
    const done = await reproduce(a, () => {}, inProcess);
    expect(done.ran).toBe(expandJobs(reproductions[name].studies(reproductions[name].scale('tiny')), 1).length);
    expect(readdirSync(join(root, 'docs', 'figures', name)).sort()).toEqual([...figures]);
    const md = readFileSync(join(root, 'docs', 'results.md'), 'utf8');
    expect(md).toContain(`<!-- begin ${name} -->`);
    expect(md).toContain('<!-- begin chen-omniglot -->');
    const section = md.slice(md.indexOf(`<!-- begin ${name} -->`), md.indexOf(`<!-- end ${name} -->`));
    expect(section).not.toMatch(/not run/);
  }, 240_000);

  it('rewrites only its own section of the results page', () => {
    const page = join(root, 'page.md');
    upsertSection(page, 'one', 'first version');
    upsertSection(page, 'two', 'other paper');
    upsertSection(page, 'one', 'second version');
    const text = readFileSync(page, 'utf8');
    expect(text).toContain('<!-- begin one -->\nsecond version\n<!-- end one -->');
    expect(text).toContain('<!-- begin two -->\nother paper\n<!-- end two -->');
    expect(text).not.toContain('first version');
    expect(text.indexOf('begin one')).toBeLessThan(text.indexOf('begin two'));
  });

  it('puts a new section where the registry orders it, before the first section that comes after it', () => {
    const page = join(root, 'ordered.md');
    const order = ['one', 'new', 'two', 'three'];
    upsertSection(page, 'one', 'a', order);
    upsertSection(page, 'three', 'c', order);
    upsertSection(page, 'new', 'b', order);
    upsertSection(page, 'unlisted', 'd', order);
    const text = readFileSync(page, 'utf8');
    expect(['one', 'new', 'three', 'unlisted'].map((n) => text.indexOf(`begin ${n}`))).toEqual([...['one', 'new', 'three', 'unlisted'].map((n) => text.indexOf(`begin ${n}`))].sort((x, y) => x - y));
    expect(text).toContain('<!-- end new -->\n\n<!-- begin three -->');
  });

  it('refuses what it does not know, naming it', () => {
    expect(() => parseReproduceArgs([])).toThrow(/which reproduction/);
    expect(() => parseReproduceArgs(['zhou'])).toThrow(/unknown reproduction zhou/);
    expect(() => parseReproduceArgs(['chen-omniglot', '--seeds', '0'])).toThrow(/--seeds/);
    expect(() => parseReproduceArgs(['chen-omniglot', '--frobnicate'])).toThrow(/unknown argument --frobnicate/);
    expect(() => parseReproduceArgs(['chen-omniglot', '--queue', 'localhost:6379'])).toThrow(/--queue expects redis:\/\/HOST:PORT/);
    expect(parseReproduceArgs(['chen-omniglot', '--queue', 'redis://10.0.0.2:6379']).queue).toBe('redis://10.0.0.2:6379');
  });
});
