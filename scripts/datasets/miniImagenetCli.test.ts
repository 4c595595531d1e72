import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { progressLine } from './miniImagenetCli.ts';
import { writeMiniImagenetStandIn } from './testing/miniImagenetStandIn.ts';

const ROOT = resolve(import.meta.dirname, '..', '..');
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const root = mkdtempSync(join(tmpdir(), 'bdl-mini-cli-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** `npm run datasets -- ARGS`, isolated from the real shared folder. */
const datasets = (args: string[]) => spawnSync(process.execPath, [TSX, join(ROOT, 'scripts', 'build-datasets.ts'), ...args], {
  cwd: ROOT, encoding: 'utf8', env: { PATH: process.env.PATH ?? '', HOME: root, BACKDOOR_LAB_SHARED_DIR: 'none', BACKDOOR_LAB_OFFLINE: '1' },
});

describe('npm run datasets -- --mini-imagenet PATH', () => {
  it('reports images, classes, rate and the time left at that rate', () => {
    // 12,000 of 60,000 in 100 s: 120 images/s, so 48,000 left take 400 s.
    expect(progressLine({ done: 12000, total: 60000, classesDone: 20, classes: 100 }, 100_000))
      .toBe('  12,000 / 60,000 images (20.0%), 20 / 100 classes, 120 images/s, ETA 6m40s');
    expect(progressLine({ done: 0, total: 10, classesDone: 0, classes: 1 }, 0)).toMatch(/0 images\/s, ETA \?$/);
  });

  it('refuses CSVs whose checksum is not Ravi & Larochelle\'s, builds with --no-verify, and says where the splits are missing', async () => {
    const s = await writeMiniImagenetStandIn(join(root, 'src'), { classes: { train: 3, val: 1, test: 1 }, perClass: 2 });
    const out = join(root, 'out');
    const refused = datasets(['--mini-imagenet', s.tar, '--mini-imagenet-splits', s.splits, '--out', out]);
    expect(refused.status).toBe(1);
    expect(refused.stderr).toMatch(/train\.csv: sha256 is [0-9a-f]{64}, expected 498519cd8e49ce97ed26a4a3638966698ae41ab35e9c68538319fc9b46ba7d2f/);
    const built = datasets(['--mini-imagenet', s.tar, '--mini-imagenet-splits', s.splits, '--out', out, '--no-verify']);
    expect(built.status).toBe(0);
    expect(built.stdout).toContain('10 / 10 images (100.0%), 5 / 5 classes');
    expect(built.stdout).toContain('✓ mini-imagenet: 5 classes, 10 images 84×84×3');
    expect(JSON.parse(readFileSync(join(out, 'mini-imagenet', 'index.json'), 'utf8'))).toMatchObject({ channels: 3, count: 10 });
    const noSplits = datasets(['--mini-imagenet', s.tar, '--out', out]);
    expect(noSplits.status).toBe(1);
    expect(noSplits.stderr).toContain('pass their folder with --mini-imagenet-splits DIR');
  }, 60_000);
});
