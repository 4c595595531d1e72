/**
 * The CLI end to end, in subprocesses: help, the "no source" message, downloads through a
 * local mirror (checksum-verified), and — when ../shared/datasets exists — the full Omniglot
 * build through both the npz and the PNG-zip path (which must agree byte for byte).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadDatasetFromDir } from '../src/node/loadDataset.ts';

const ROOT = resolve(import.meta.dirname, '..');
const SHARED = resolve(ROOT, '..', 'shared', 'datasets');
const HAS_SHARED = existsSync(join(SHARED, 'omniglot')) && existsSync(join(SHARED, 'mnist'));
const TSX = join(ROOT, 'node_modules', 'tsx', 'dist', 'cli.mjs');
const tmp = (p: string) => mkdtempSync(join(tmpdir(), `bdl-${p}-`));

interface Run { code: number | null; stdout: string; stderr: string }

/** Runs the CLI isolated from the real shared folder, cache and network unless `env` says otherwise. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  const home = tmp('home');
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, [TSX, join(ROOT, 'scripts', 'build-datasets.ts'), ...args], {
      cwd: ROOT,
      env: {
        PATH: process.env.PATH ?? '', HOME: home, XDG_CACHE_HOME: join(home, '.cache'),
        BACKDOOR_LAB_SHARED_DIR: 'none', BACKDOOR_LAB_OFFLINE: '1', ...env,
      },
    });
    let stdout = '', stderr = '';
    child.stdout.on('data', (d) => { stdout += d; });
    child.stderr.on('data', (d) => { stderr += d; });
    child.on('error', fail);
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}

/** Serves `<dir>/<dataset>/<file>` like a download mirror; `tamper` may replace a file's bytes. */
async function mirror(dir: string, tamper?: (path: string, b: Buffer) => Buffer): Promise<{ url: string; server: Server }> {
  const server = createServer((req, res) => {
    const path = join(dir, decodeURIComponent(req.url ?? '/'));
    if (!path.startsWith(dir) || !existsSync(path)) { res.statusCode = 404; res.end(); return; }
    const bytes = readFileSync(path);
    res.end(tamper ? tamper(path, bytes) : bytes);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

describe('build-datasets CLI', () => {
  it('prints help', async () => {
    const r = await cli(['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--source DIR/);
    expect(r.stdout).toMatch(/--if-missing/);
  });

  it('rejects unknown datasets and flags', async () => {
    expect((await cli(['--only', 'cifar'])).stderr).toMatch(/unknown dataset "cifar"/);
    expect((await cli(['--bogus'])).code).toBe(2);
  });

  it('fails with a clear message when no source works (offline, nothing local)', async () => {
    const empty = tmp('empty');
    const out = tmp('out');
    const r = await cli(['--source', empty, '--out', out]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/✗ omniglot: no usable source/);
    expect(r.stderr).toMatch(/download: disabled \(BACKDOOR_LAB_OFFLINE is set\)/);
    expect(r.stderr).toMatch(/Could not build: omniglot, mnist, fashion-mnist/);
    expect(r.stderr).toMatch(/npm run datasets -- --source DIR/);
    expect(existsSync(join(out, 'omniglot', 'index.json'))).toBe(false);
    const missing = await cli(['--source', join(empty, 'nope')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no such folder/);
  });

  it('reports failed downloads (mirror on a closed port)', async () => {
    const r = await cli(['--only', 'mnist', '--out', tmp('out')], { BACKDOOR_LAB_OFFLINE: '', BACKDOOR_LAB_DATASET_MIRROR: 'http://127.0.0.1:9' });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/could not download train-images-idx3-ubyte\.gz/);
    expect(r.stderr).toMatch(/--source DIR/);
  });

  it.skipIf(!HAS_SHARED)('downloads through a mirror, verifies MD5 and rejects a corrupt download', async () => {
    const bad = await mirror(SHARED, (p, b) => (p.endsWith('t10k-labels-idx1-ubyte.gz') ? Buffer.concat([b, Buffer.from([0])]) : b));
    try {
      const r = await cli(['--only', 'mnist', '--out', tmp('out')], { BACKDOOR_LAB_OFFLINE: '', BACKDOOR_LAB_DATASET_MIRROR: bad.url });
      expect(r.code).toBe(1);
      expect(r.stderr).toMatch(/Checksum mismatch .*t10k-labels-idx1-ubyte\.gz: md5/);
    } finally { bad.server.close(); }
    const good = await mirror(SHARED);
    try {
      const out = tmp('out');
      const r = await cli(['--only', 'mnist', '--out', out], { BACKDOOR_LAB_OFFLINE: '', BACKDOOR_LAB_DATASET_MIRROR: good.url });
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
      expect(r.stdout).toMatch(/downloading .*train-images-idx3-ubyte\.gz/);
      const ds = loadDatasetFromDir(join(out, 'mnist'), { verify: true });
      expect(ds.classes.map((c) => c.count).reduce((a, b) => a + b)).toBe(70000);
      expect(ds.classes.slice(0, 10).map((c) => c.count)).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
      expect(ds.classes[17]).toMatchObject({ name: '7', origin: 'test', sourceLabel: 7 });
    } finally { good.server.close(); }
  });

  it.skipIf(!HAS_SHARED)('builds Omniglot from the npz and from the PNG zips, identically', async () => {
    const npzOnly = tmp('npz');
    mkdirSync(join(npzOnly, 'omniglot'));
    for (const f of ['images_background.npz', 'images_evaluation.npz']) symlinkSync(join(SHARED, 'omniglot', f), join(npzOnly, 'omniglot', f));
    const outNpz = tmp('out');
    const t0 = performance.now();
    const a = await cli(['--source', npzOnly, '--only', 'omniglot', '--out', outNpz]);
    const npzSeconds = (performance.now() - t0) / 1000;
    expect(a.stderr).toBe('');
    expect(a.code).toBe(0);
    expect(a.stdout).toMatch(/images_background\.npz .*sha256 ok \(known checksum\)/);
    expect(npzSeconds).toBeLessThan(40);

    const outZip = tmp('out');
    const b = await cli(['--only', 'omniglot', '--out', outZip], { BACKDOOR_LAB_SHARED_DIR: SHARED });
    expect(b.code).toBe(0);
    expect(b.stdout).toMatch(/images_background_rebuilt\.zip .*sha256 ok \(SHA256SUMS\)/);

    const ds = loadDatasetFromDir(join(outNpz, 'omniglot'), { verify: true });
    const dz = loadDatasetFromDir(join(outZip, 'omniglot'), { verify: true });
    expect(Buffer.from(ds.images).equals(Buffer.from(dz.images))).toBe(true);
    expect(dz.classes).toEqual(ds.classes);

    expect([ds.width, ds.height, ds.classes.length]).toEqual([28, 28, 1623]);
    expect(ds.classes.every((c, i) => c.count === 20 && c.start === i * 20 && c.sourceLabel === i)).toBe(true);
    expect(ds.classes.filter((c) => c.origin === 'background').length).toBe(964);
    expect(ds.classes[0]).toMatchObject({ name: 'Arcadian/character01', alphabet: 'Arcadian', origin: 'background' });
    expect(ds.classes[708].name).toBe('Alphabet_of_the_Magi/character01');
    expect(ds.classes[964]).toMatchObject({ name: 'Angelic/character01', origin: 'evaluation' });
    expect(ds.classes[1622].name).toBe('ULOG/character26');
    // Every image has ink (255 = ink), a mostly empty background, and antialiased edges.
    let grey = 0;
    for (let i = 0; i < 32460; i++) {
      const img = ds.images.subarray(i * 784, (i + 1) * 784);
      let max = 0, zeros = 0;
      for (const v of img) { if (v > max) max = v; if (v === 0) zeros++; if (v > 0 && v < 255) grey++; }
      if (max < 128 || zeros < 392) throw new Error(`image ${i}: max ${max}, ${zeros} background pixels`);
    }
    expect(grey).toBeGreaterThan(32460 * 20);

    const c = await cli(['--if-missing', '--only', 'omniglot', '--out', outZip]);
    expect(c.code).toBe(0);
    expect(c.stdout).toMatch(/omniglot: up to date .*skipped/);
  });
});
