/**
 * `npm run bench [-- --quick] [-- --only node|browser|torch] [-- --workload omniglot|mini-imagenet]`:
 * times one Reptile inner step and one meta-iteration of the paper's Conv4 (scripts/bench/workload.ts,
 * the engine's own code) on Omniglot's 28×28×1 on every backend in Node and in headless Chromium,
 * and on mini-ImageNet's 84×84×3 in Node, each beside PyTorch CPU; prints medians and ratios to
 * PyTorch (2 threads) as one table per workload and writes bench-results.json.
 * `npm run bench -- --gpu [--quick]` (npm run bench:gpu) is the hardware GPU check instead
 * (scripts/bench/gpu.ts).
 */
import { spawnSync } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { writeFileSync } from 'node:fs';
import { runBrowser } from './bench/browserRun';
import { browserNote, gpuLabel, median, type BrowserResult } from './bench/browserResult';
import { gpuCheck } from './bench/gpu';
import { runTorch } from './bench/torchRun';
import { WORKLOADS, type WorkloadName } from './bench/workload';

interface Row {
  workload: WorkloadName;
  where: 'torch' | 'node' | 'browser';
  backend: string;
  stepMs: number[];
  metaMs: number[];
  note: string;
}

const argv = process.argv.slice(2);
const quick = argv.includes('--quick');
const only = argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined;
const wanted = (where: Row['where']) => !only || only === where;
const workloadArg = argv.includes('--workload') ? argv[argv.indexOf('--workload') + 1] as WorkloadName : undefined;
if (workloadArg && !(workloadArg in WORKLOADS)) throw new Error(`--workload ${workloadArg}: one of ${Object.keys(WORKLOADS).join(', ')}`);
const workloads = (workloadArg ? [workloadArg] : Object.keys(WORKLOADS)) as WorkloadName[];
const log = (line: string) => process.stderr.write(`${line}\n`);
if (argv.includes('--gpu')) process.exitCode = await gpuCheck({ quick, log });
else await benchAll();

/** Every backend in Node and Chromium, and PyTorch CPU: the table and bench-results.json. */
async function benchAll(): Promise<void> {
  // Other processes on the machine skew every number (2-thread PyTorch most), so the run records the load.
  const loadBefore = loadavg()[0];
  const rows: Row[] = [];
  const versions: Record<string, string> = { node: process.version };

  for (const workload of workloads) await benchWorkload(workload, rows, versions);
  for (const workload of workloads) printTable(workload, rows.filter((r) => r.workload === workload), loadBefore, versions);

  writeFileSync('bench-results.json', `${JSON.stringify({
    date: new Date().toISOString(), quick, cpus: cpus().length, cpu: cpus()[0]?.model, loadBefore, loadAfter: loadavg()[0], versions,
    rows: rows.map((r) => ({ ...r, stepMedianMs: median(r.stepMs), stepMinMs: Math.min(...r.stepMs), metaMedianMs: median(r.metaMs) })),
  }, null, 2)}\n`);
  log('\nwrote bench-results.json');
}

/** One workload's rows: PyTorch, Node's backends and (Omniglot only) Chromium's. */
async function benchWorkload(workload: WorkloadName, rows: Row[], versions: Record<string, string>): Promise<void> {
  const { imageSize, channels, shots, title } = WORKLOADS[workload];
  if (wanted('torch')) {
    for (const threads of [2, 1]) {
      log(`${title}: torch, ${threads} thread(s)…`);
      const r = runTorch(threads, quick, 'cpu', { side: imageSize, channels, shots });
      if ('error' in r) rows.push({ workload, where: 'torch', backend: `PyTorch CPU, ${threads} threads`, stepMs: [], metaMs: [], note: `skipped: ${r.error}` });
      else {
        versions.torch = r.torch;
        rows.push({ workload, where: 'torch', backend: `PyTorch CPU, ${r.threads} thread${r.threads > 1 ? 's' : ''}`, stepMs: r.stepMs, metaMs: r.metaMs, note: r.python });
      }
    }
  }

  if (wanted('node')) {
    const configs = [
      { backend: 'wasm', flags: ['--experimental-wasm-relaxed-simd'], label: 'wasm + project kernels, relaxed SIMD' },
      { backend: 'wasm', flags: [], label: 'wasm + project kernels, basic SIMD' },
      { backend: 'cpu', flags: [], label: 'cpu' },
    ];
    for (const c of configs) {
      // tfjs's cpu backend takes ~26 s a step at 28×28×1 and some 30 times that at 84×84×3.
      if (c.backend === 'cpu' && workload !== 'omniglot') {
        rows.push({ workload, where: 'node', backend: c.label, stepMs: [], metaMs: [], note: 'not run: one step takes over 10 minutes' });
        continue;
      }
      log(`${title}: node ${c.label}…`);
      const run = spawnSync(process.execPath, [...c.flags, '--import', 'tsx', 'scripts/bench/nodeRun.ts', c.backend, '--workload', workload, ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
      const line = run.stdout.split('\n').find((l) => l.startsWith('BENCH_RESULT '));
      if (!line) {
        rows.push({ workload, where: 'node', backend: c.label, stepMs: [], metaMs: [], note: `failed: ${run.stderr.trim().split('\n').pop()}` });
        continue;
      }
      const r = JSON.parse(line.slice('BENCH_RESULT '.length));
      rows.push({ workload, where: 'node', backend: c.label, stepMs: r.stepMs, metaMs: r.metaMs, note: [r.reason, r.metaSkipped].filter(Boolean).join('; ') });
    }
  }

  // The browser pages time the Omniglot workload only: 84×84×3 in Chromium is left to the app.
  if (wanted('browser') && workload === 'omniglot') {
    log('browser (headless Chromium)…');
    for (const run of await runBrowser({ quick, log })) {
      versions.chromium = run.version;
      const r = run.result as BrowserResult;
      rows.push({ workload, where: 'browser', backend: `${run.backend}${gpuLabel(run.backend, r.adapter)}`, stepMs: r.stepMs ?? [], metaMs: r.metaMs ?? [], note: browserNote(r) });
    }
  }
}

function printTable(workload: WorkloadName, rows: Row[], loadBefore: number, versions: Record<string, string>): void {
  const { title, shots } = WORKLOADS[workload];

  const ref = rows.find((r) => r.where === 'torch' && r.stepMs.length > 0 && r.backend.endsWith('2 threads'));
  const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(1));
  const ratio = (ms: number, base?: number[]) => (base && !Number.isNaN(ms) ? `${(ms / median(base)).toFixed(2)}×` : '–');
  const header = ['where', 'backend', 'inner step ms', '× PyTorch', 'meta-iteration ms', '× PyTorch', 'runs', 'notes'];
  const table = rows.map((r) => {
    const step = median(r.stepMs), meta = median(r.metaMs);
    return [r.where, r.backend, fmt(step), ratio(step, ref?.stepMs), fmt(meta), ratio(meta, ref?.metaMs), `${r.stepMs.length}/${r.metaMs.length}`, r.note];
  });
  const widths = header.map((h, i) => Math.max(h.length, ...table.map((t) => t[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => (i < cells.length - 1 ? c.padEnd(widths[i]) : c)).join(' | ')} |`;
  console.log(`\nConv4 (64 filters) on ${title}, 5-way, batch 10, Adam: median ms; meta-iteration = 5 episodes of ${shots}-shot × 10 inner steps + outer step.`);
  const load = `load average ${loadBefore.toFixed(2)} before, ${loadavg()[0].toFixed(2)} after`;
  console.log(`Machine: ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${load}; ${Object.entries(versions).map(([k, v]) => `${k} ${v}`).join(', ')}.${quick ? ' Quick mode.' : ''}\n`);
  console.log(line(header));
  console.log(`|${widths.map((w, i) => '-'.repeat(i < widths.length - 1 ? w + 2 : header[i].length + 2)).join('|')}|`);
  table.forEach((t) => console.log(line(t)));
}
