import { spawnSync } from 'node:child_process';

export interface TorchRun {
  python: string;
  torch: string;
  threads: number;
  /** 'cpu', or the CUDA device's name. */
  device: string;
  stepMs: number[];
  metaMs: number[];
}

/**
 * PyTorch reference (torch_step.py) with the first interpreter that has torch (and, for 'cuda', a
 * CUDA device): Debian's python3-torch lives under /usr/bin/python3, which a pyenv `python3` on
 * PATH may shadow.
 */
export function runTorch(threads: number, quick: boolean, device: 'cpu' | 'cuda' = 'cpu', image: { side: number; channels: number; shots: number } = { side: 28, channels: 1, shots: 10 }): TorchRun | { error: string } {
  const script = new URL('./torch_step.py', import.meta.url).pathname;
  const probe = device === 'cuda' ? 'import sys, torch; sys.exit(0 if torch.cuda.is_available() else 1)' : 'import torch';
  let withTorch = false;
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) continue;
    withTorch = true;
    if (spawnSync(python, ['-c', probe], { stdio: 'ignore' }).status !== 0) continue;
    const shape = ['--image', String(image.side), '--channels', String(image.channels), '--shots', String(image.shots)];
    const run = spawnSync(python, [script, '--threads', String(threads), '--device', device, ...shape, ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
    if (run.status !== 0) return { error: `torch_step.py failed: ${run.stderr.trim().split('\n').pop()}` };
    return { python, ...JSON.parse(run.stdout) };
  }
  if (withTorch) return { error: 'torch has no CUDA device here (torch.cuda.is_available() is false)' };
  return { error: 'no python3 with torch (apt-get install python3-torch)' };
}
