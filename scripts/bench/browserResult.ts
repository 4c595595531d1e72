/** What the browser bench's worker answers (scripts/bench/browser/worker.ts), read by bench.ts and the GPU check. */
export interface BrowserResult {
  error?: string;
  reason?: string;
  stepMs?: number[];
  metaMs?: number[];
  metaSkipped?: string;
  crossOriginIsolated?: boolean;
  /** The WebGPU adapter the worker got (webgpu runs only; null: none). */
  adapter?: AdapterReport | null;
  /** Stacks of synchronous reads of GPU tensors on webgpu (a device-loss hazard on SwiftShader). */
  syncReads?: string[];
}

/** The browser's account of its WebGPU adapter. */
export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  fallback: boolean;
  /** SwiftShader, llvmpipe or another CPU implementation, or the browser's fallback adapter. */
  software: boolean;
}

export const median = (xs: number[]): number => {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  return s.length % 2 ? s[s.length >> 1] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
};

export const adapterName = (a: AdapterReport): string =>
  [a.vendor, a.architecture, a.description || a.device].filter(Boolean).join(' ') || 'unnamed adapter';

/** ' (SwiftShader)' and the like for GPU backends: webgl is on SwiftShader in the bench's browser; webgpu names its adapter. */
export function gpuLabel(backend: string, adapter: AdapterReport | null | undefined): string {
  if (backend === 'webgl') return ' (SwiftShader)';
  if (backend !== 'webgpu') return '';
  if (!adapter) return ' (no adapter)';
  return /swiftshader/i.test(adapterName(adapter)) ? ' (SwiftShader)' : ` (${adapterName(adapter)})`;
}

/** The table's notes: the failure, or the backend's reason, skipped parts and synchronous GPU reads. */
export function browserNote(r: BrowserResult): string {
  const reads = r.syncReads?.length ? `${r.syncReads.length} synchronous GPU read(s), first: ${firstFrame(r.syncReads[0])}` : '';
  if (r.error) return [`failed: ${r.error}`, reads].filter(Boolean).join('; ');
  return [r.reason, r.metaSkipped, reads, r.crossOriginIsolated ? '' : 'not cross-origin isolated'].filter(Boolean).join('; ');
}

/** The first stack frame outside tfjs and this probe: the code that read synchronously. */
export function firstFrame(stack: string): string {
  const frames = stack.split('\n').slice(1).map((l) => l.trim());
  return frames.find((f) => !/node_modules|\/\.vite|gpuProbe/.test(f)) ?? frames[0] ?? stack;
}
