import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Queue } from 'bullmq';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cellKey } from './cell';
import { QUEUE_NAME, redisConnection } from './queueConfig';
import { readCell, resultPath } from './store';
import { deadLetters, runOnQueue } from './submit';
import { loadGrid } from './sweep';

/**
 * The queue end to end: a real redis-server (no persistence, its own port and folder), two
 * `npm run sweep-worker` processes, the tiny grid submitted, one worker SIGKILLed in the middle
 * of a cell. CI installs Debian's redis-server (.ci/run); without it this test fails, it does not skip.
 */

/** A process and the lines it has printed so far; `waitFor` resolves on the first (or next) line that matches. */
class Proc {
  readonly lines: string[] = [];
  private waiters: { re: RegExp; from: number; resolve: (m: RegExpMatchArray) => void }[] = [];

  constructor(readonly child: ChildProcess, readonly name: string) {
    let buf = '';
    const take = (chunk: Buffer) => {
      buf += chunk.toString();
      for (let nl = buf.indexOf('\n'); nl >= 0; nl = buf.indexOf('\n')) {
        this.lines.push(buf.slice(0, nl));
        buf = buf.slice(nl + 1);
      }
      this.check();
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
  }

  private check(): void {
    this.waiters = this.waiters.filter((w) => {
      const m = this.lines.slice(w.from).map((l) => l.match(w.re)).find(Boolean);
      if (m) w.resolve(m);
      return !m;
    });
  }

  waitFor(re: RegExp, from = 0): Promise<RegExpMatchArray> {
    return new Promise((resolve) => { this.waiters.push({ re, from, resolve }); this.check(); });
  }

  matching(re: RegExp): RegExpMatchArray[] {
    return this.lines.map((l) => l.match(re)).filter((m): m is RegExpMatchArray => m !== null);
  }
}

const freePort = () => new Promise<number>((resolve, reject) => {
  const s = createServer();
  s.once('error', reject);
  s.listen(0, '127.0.0.1', () => { const { port } = s.address() as { port: number }; s.close(() => resolve(port)); });
});

const startWorker = (url: string, name: string) => new Proc(spawn(process.execPath, [
  '--import', 'tsx', 'src/cli/sweep/worker.ts', '--queue', url, '--concurrency', '1', '--backend', 'wasm',
  // A dead worker's cell goes back to the queue within seconds, not the default 30; the lock
  // (renewed every 5 s) is long enough that a loaded CI machine never lets a live worker's lapse.
  '--lock-ms', '10000', '--stalled-ms', '1000',
], { stdio: ['ignore', 'pipe', 'pipe'] }), name);

describe('npm run sweep -- --queue with two npm run sweep-worker processes', () => {
  const root = mkdtempSync(join(tmpdir(), 'sweep-queue-'));
  const dir = join(root, 'results');
  const procs: Proc[] = [];
  let url = '';

  beforeAll(async () => {
    if (spawnSync('redis-server', ['--version']).error) {
      throw new Error('redis-server is not on PATH: this test needs Debian\'s redis-server (apt-get install -y redis-server, as .ci/run does)');
    }
    const port = await freePort();
    url = `redis://127.0.0.1:${port}`;
    const redis = new Proc(spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', root], { stdio: ['ignore', 'pipe', 'pipe'] }), 'redis');
    procs.push(redis);
    await redis.waitFor(/Ready to accept connections/);
  });

  afterAll(async () => {
    for (const p of procs.reverse()) if (p.child.exitCode === null && p.child.signalCode === null) {
      p.child.kill('SIGKILL');
      await new Promise((r) => p.child.once('exit', r));
    }
    rmSync(root, { recursive: true, force: true });
  });

  it('finishes every cell exactly once although a worker dies mid-cell, and keeps the results in Redis', async () => {
    const { cells } = loadGrid('src/cli/sweep/grids/synthetic-tiny.json');
    expect(cells).toHaveLength(4);
    const [a, b] = [startWorker(url, 'a'), startWorker(url, 'b')];
    procs.push(a, b);
    await Promise.all([a.waitFor(/^ready/), b.waitFor(/^ready/)]);

    const logs: string[] = [];
    const sweep = runOnQueue(cells, { dir, log: (s) => logs.push(s), url, pollMs: 200 });
    // Both workers take a cell at once (one each: concurrency 1); kill the first as soon as it starts.
    const killed = (await a.waitFor(/^start (\w+) /))[1];
    a.child.kill('SIGKILL');
    expect(await sweep).toEqual({ ran: 4, skipped: 0 });

    const ids = cells.map((c) => cellKey(c)).sort();
    const done = [...a.matching(/^done (\w+) /), ...b.matching(/^done (\w+) /)].map((m) => m[1]);
    expect(done.sort()).toEqual(ids); // each cell finished once, by one worker
    expect(a.matching(/^done /)).toEqual([]); // the killed worker finished nothing
    expect(b.matching(/^start (\w+) /).map((m) => m[1])).toContain(killed); // its cell went back to the queue
    for (const c of cells) {
      const lines = readCell(dir, c)!;
      expect(lines.map((l) => [l.phase, l.round])).toEqual([['initial', 0], ['meta-train', 1]]);
      expect(lines.every((l) => l.cell === c.name && l.seed === c.config.seed)).toBe(true);
    }

    // Resuming: a lost result file comes back from Redis's result store; no worker runs the cell again.
    const starts = b.lines.length;
    rmSync(resultPath(dir, cells[1]));
    expect(await runOnQueue(cells, { dir, log: () => {}, url, pollMs: 200 })).toEqual({ ran: 1, skipped: 3 });
    expect(readCell(dir, cells[1])).toHaveLength(2);
    expect(b.lines.slice(starts).filter((l) => l.startsWith('start'))).toEqual([]);
    const queue = new Queue(QUEUE_NAME, { connection: redisConnection(url) });
    try {
      expect(await queue.getJobCounts('completed', 'failed', 'wait', 'active')).toEqual({ completed: 4, failed: 0, wait: 0, active: 0 });
    } finally {
      await queue.close();
    }
  }, 120_000);

  it('retries a cell that fails, then lists it as a dead letter and fails the sweep naming it', async () => {
    const { cells } = loadGrid('src/cli/sweep/grids/synthetic-tiny.json');
    // A config the schema accepts but no worker can run: its checkpoint is not there.
    const broken = { ...cells[0], name: 'broken', file: 'broken.jsonl', config: { ...cells[0].config, init: { kind: 'checkpoint' as const, source: join(root, 'missing.ckpt') } } };
    const b = procs.find((p) => p.name === 'b')!;
    const from = b.lines.length;
    const run = runOnQueue([broken], { dir, log: () => {}, url, pollMs: 200, retry: { attempts: 2, backoffMs: 100 } });
    await expect(run).rejects.toThrow(/1 cell failed every attempt[\s\S]*broken \[job \w+\] after 2 attempts: .*missing\.ckpt/);
    expect(b.lines.slice(from).filter((l) => l.startsWith('start'))).toHaveLength(2);
    expect(await deadLetters(url)).toEqual([{ id: cellKey(broken), name: 'broken', reason: expect.stringMatching(/missing\.ckpt/), attempts: 2 }]);
    expect(readCell(dir, broken)).toBeNull();
  }, 60_000);
});
