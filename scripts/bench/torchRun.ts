import { spawnSync } from 'node:child_process';

export interface TorchRun {
  python: string;
  torch: string;
  threads: number;
  stepMs: number[];
  metaMs: number[];
}

/**
 * PyTorch CPU reference (torch_step.py) with the first interpreter that has torch: Debian's
 * python3-torch lives under /usr/bin/python3, which a pyenv `python3` on PATH may shadow.
 */
export function runTorch(threads: number, quick: boolean): TorchRun | { error: string } {
  const script = new URL('./torch_step.py', import.meta.url).pathname;
  for (const python of ['python3', '/usr/bin/python3']) {
    if (spawnSync(python, ['-c', 'import torch'], { stdio: 'ignore' }).status !== 0) continue;
    const run = spawnSync(python, [script, '--threads', String(threads), ...(quick ? ['--quick'] : [])], { encoding: 'utf8' });
    if (run.status !== 0) return { error: `torch_step.py failed: ${run.stderr.trim().split('\n').pop()}` };
    return { python, ...JSON.parse(run.stdout) };
  }
  return { error: 'no python3 with torch (apt-get install python3-torch)' };
}
