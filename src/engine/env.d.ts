/**
 * The host globals the engine may use: the engine project has no DOM, WebWorker or Node types,
 * so each of these is declared by hand, and only the part the engine calls. All of them exist
 * with these signatures on the main thread, in workers and in Node ≥ 18; anything host-specific
 * (fetch, navigator, process, document) is the caller's to inject, not a global to declare here.
 */

/** Checkpoint headers (model/checkpoint.ts). */
declare class TextEncoder {
  encode(input?: string): Uint8Array<ArrayBuffer>;
}
declare class TextDecoder {
  constructor(label?: string);
  decode(input?: ArrayBufferLike | ArrayBufferView): string;
}

/** Stopping a run from outside (experiment/runExperiment.ts): only whether it was aborted. */
interface AbortSignal {
  readonly aborted: boolean;
}

/** The SIMD kernels ship as base64 (backend/simdModule.gen.ts). */
declare function atob(data: string): string;

/** The project's own SIMD kernels, instantiated on tfjs-backend-wasm's heap (backend/simd.ts). */
declare namespace WebAssembly {
  interface Memory {
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
  }
  class Module {
    constructor(bytes: ArrayBuffer | ArrayBufferView<ArrayBuffer>);
  }
  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
  function validate(bytes: ArrayBuffer | ArrayBufferView<ArrayBuffer>): boolean;
  function compile(bytes: ArrayBuffer | ArrayBufferView<ArrayBuffer>): Promise<Module>;
}
