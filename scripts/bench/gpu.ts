import { spawnSync } from 'node:child_process';
import { runBrowser } from './browserRun';
import { adapterName, median, type BrowserResult } from './browserResult';
import { runTorch } from './torchRun';

/**
 * `npm run bench -- --gpu [--quick]` (npm run bench:gpu): the bench's training step and
 * meta-iteration (workload.ts) in headless Chromium on WebGPU with the machine's NVIDIA GPU, and
 * the same in PyTorch CUDA on that GPU when torch has CUDA; prints medians and the ratio.
 * Returns the exit code: 1, with the reason, when there is no NVIDIA GPU, the browser's adapter
 * is software (SwiftShader, a fallback) or the run fails; figures from a software adapter would
 * pass for GPU figures, so none are printed then.
 */
export async function gpuCheck({ quick, log }: { quick: boolean; log: (line: string) => void }): Promise<number> {
  const fail = (why: string) => { log(`GPU check: ${why}. Nothing was measured.`); return 1; };
  const smi = spawnSync('nvidia-smi', ['--query-gpu=name,driver_version,memory.total', '--format=csv,noheader'], { encoding: 'utf8' });
  if (smi.error || smi.status !== 0) {
    const why = smi.error ? 'nvidia-smi not found' : `nvidia-smi: ${(smi.stderr || smi.stdout).trim().split('\n').pop()}`;
    return fail(`no NVIDIA GPU on this machine (${why}); run it on a machine with an NVIDIA GPU and its driver`);
  }
  const gpus = smi.stdout.trim().split('\n');
  log(`NVIDIA GPU: ${gpus.join('; ')}`);

  log('WebGPU in headless Chromium (hardware switches)…');
  const [run] = await runBrowser({ quick, log, backends: ['webgpu'], hardware: true });
  const r = run.result as BrowserResult;
  if (r.adapter === undefined && r.error) return fail(`the browser run failed: ${r.error}`);
  if (!r.adapter) return fail(`Chromium ${run.version} offers no WebGPU adapter with the hardware switches (is Vulkan's loader and the NVIDIA ICD installed?)`);
  const adapter = adapterName(r.adapter);
  log(`WebGPU adapter: ${adapter}${r.adapter.fallback ? ' (fallback adapter)' : ''}`);
  if (r.adapter.software) return fail(`refusing to report figures: the WebGPU adapter is software (${adapter}), not the GPU`);
  if (r.error) return fail(`WebGPU run failed: ${r.error}${r.syncReads?.length ? ` (${r.syncReads.length} synchronous GPU reads; first:\n${r.syncReads[0]})` : ''}`);
  const sameGpu = /nvidia/i.test(adapter);
  if (!sameGpu) log(`warning: the WebGPU adapter (${adapter}) is not the NVIDIA GPU; no ratio`);

  log('PyTorch CUDA…');
  const torch = runTorch(1, quick, 'cuda');
  const rows: [string, number[], number[]][] = [[`WebGPU, Chromium ${run.version} (${adapter})`, r.stepMs ?? [], r.metaMs ?? []]];
  if ('error' in torch) log(`PyTorch CUDA skipped: ${torch.error}`);
  else rows.push([`PyTorch ${torch.torch} CUDA (${torch.device})`, torch.stepMs, torch.metaMs]);

  const fmt = (ms: number) => (Number.isNaN(ms) ? '–' : ms >= 100 ? ms.toFixed(0) : ms.toFixed(2));
  console.log(`\nConv4 (64 filters) on 28×28, 5-way, batch 10, Adam: median ms (runs); meta-iteration = 5 episodes × 10 inner steps + outer step. GPU: ${gpus[0]}.${quick ? ' Quick mode.' : ''}\n`);
  console.log('| what | inner step ms | meta-iteration ms |');
  console.log('|---|---|---|');
  for (const [what, step, meta] of rows) console.log(`| ${what} | ${fmt(median(step))} (${step.length}) | ${fmt(median(meta))} (${meta.length}) |`);
  if (rows.length === 2 && sameGpu) {
    const ratio = (i: 1 | 2) => (median(rows[0][i]) / median(rows[1][i])).toFixed(2);
    console.log(`| WebGPU ÷ PyTorch CUDA | ${ratio(1)}× | ${ratio(2)}× |`);
  }
  if (r.metaSkipped) console.log(`\nmeta-iteration ${r.metaSkipped}`);
  return 0;
}
