import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';
import { kernelsWasm } from './simdModule.gen';

/**
 * The project's own WebAssembly SIMD kernels (wat/*.wat). They import tfjs-backend-wasm's
 * linear memory and work on its tensors in place: every pointer argument is a byte offset
 * in that heap, as returned by `heapOffset`.
 */
export interface SimdKernels {
  im2colT(src: number, dst: number, n: number, h: number, w: number, c: number, fh: number, fw: number,
    oh: number, ow: number, sh: number, sw: number, pt: number, pl: number): void;
  flipFilter(src: number, dst: number, fh: number, fw: number, ci: number, co: number): void;
  maxPoolGrad(dy: number, x: number, dx: number, n: number, h: number, w: number, c: number, oh: number, ow: number,
    fh: number, fw: number, sh: number, sw: number, pt: number, pl: number, c0: number, c1: number, overlap: number): void;
  maxPoolGradTail: SimdKernels['maxPoolGrad'];
  colSum(src: number, rows: number, cols: number, dst: number, scale: number): void;
  convValid(xp: number, wt: number, out: number, n: number, hp: number, wp: number, ci: number,
    co: number, fh: number, fw: number): void;
  convFilterGrad(xp: number, dy: number, dw: number, n: number, hp: number, wp: number, ci: number,
    co: number, fh: number, fw: number, scratch: number): void;
  padSpatial(src: number, dst: number, n: number, h: number, w: number, c: number,
    pt: number, pb: number, pl: number, pr: number): void;
  bnStats(x: number, rows: number, cols: number, mean: number, invstd: number, eps: number): void;
  bnApply(x: number, y: number, rows: number, cols: number, mean: number, invstd: number, gamma: number, beta: number,
    relu: number, scratch: number): void;
  bnGrad(x: number, dy: number, y: number, rows: number, cols: number, mean: number, invstd: number, gamma: number,
    relu: number, dx: number, dgamma: number, dbeta: number, scratch: number): void;
  gemmBatch(a: number, b: number, c: number, m: number, n: number, k: number, batch: number): void;
  winoFilter(g: number, u: number, ci: number, co: number): void;
  winoInput(xp: number, v: number, n: number, hp: number, wp: number, ci: number, th: number, tw: number): void;
  winoOutput(m: number, out: number, n: number, oh: number, ow: number, co: number, th: number, tw: number): void;
  gemmBatchTA(a: number, b: number, c: number, m: number, n: number, k: number, batch: number): void;
  winoDy(dy: number, dd: number, n: number, oh: number, ow: number, co: number, th: number, tw: number): void;
  winoFilterGradOut(s: number, dw: number, ci: number, co: number): void;
  adam(p: number, g: number, v: number, m: number, pOut: number, vOut: number, mOut: number, size: number,
    lr: number, beta1: number, c1: number, beta2: number, c2: number, eps: number): void;
}

interface EmscriptenHeap {
  wasmMemory?: WebAssembly.Memory;
  asm?: { memory?: WebAssembly.Memory };
}

const compiled = new Map<boolean, WebAssembly.Module>();
const instances = new WeakMap<WebAssembly.Memory, SimdKernels>();

/** The backend's heap: exported by the plain builds, created in JS (shared) by the threaded one. */
export function wasmMemory(backend: BackendWasm): WebAssembly.Memory {
  const m = backend.wasm as unknown as EmscriptenHeap;
  const memory = m.wasmMemory ?? m.asm?.memory;
  if (!memory) throw new Error('tfjs-backend-wasm exposes no WebAssembly.Memory');
  return memory;
}

const isShared = (memory: WebAssembly.Memory): boolean =>
  typeof SharedArrayBuffer !== 'undefined' && memory.buffer instanceof SharedArrayBuffer;

const decode = (b64: string): Uint8Array<ArrayBuffer> => Uint8Array.from(atob(b64), (ch) => ch.charCodeAt(0));

/** Relaxed SIMD (one FMA instruction per multiply-add) where the engine has it: Chrome ≥ 114, Node ≥ 22 or with --experimental-wasm-relaxed-simd. */
export const hasRelaxedSimd = (): boolean => WebAssembly.validate(decode(kernelsWasm.relaxed));

const binary = (shared: boolean): Uint8Array<ArrayBuffer> => {
  const relaxed = hasRelaxedSimd();
  return decode(shared ? (relaxed ? kernelsWasm.relaxedShared : kernelsWasm.basicShared) : relaxed ? kernelsWasm.relaxed : kernelsWasm.basic);
};

/** Compiles ahead of first use: browsers refuse synchronous compilation of large modules on the main thread. */
export async function prepareSimd(backend: BackendWasm): Promise<SimdKernels> {
  const shared = isShared(wasmMemory(backend));
  if (!compiled.has(shared)) compiled.set(shared, await WebAssembly.compile(binary(shared)));
  return simdKernels(backend);
}

export function simdKernels(backend: BackendWasm): SimdKernels {
  const memory = wasmMemory(backend);
  let kernels = instances.get(memory);
  if (!kernels) {
    const shared = isShared(memory);
    let mod = compiled.get(shared);
    if (!mod) compiled.set(shared, (mod = new WebAssembly.Module(binary(shared))));
    kernels = new WebAssembly.Instance(mod, { env: { memory } }).exports as unknown as SimdKernels;
    instances.set(memory, kernels);
  }
  return kernels;
}
