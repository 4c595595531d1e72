import * as tf from '@tensorflow/tfjs';
import { reptileSchema } from '../../src/engine/config/schema.ts';
import { initConv4 } from '../../src/engine/model/conv4.ts';
import { trainStep } from '../../src/engine/learners/reptile/learner.ts';
import { innerAdam, reptileStep } from '../../src/engine/learners/reptile/reptile.ts';
import { createRng, type Rng } from '../../src/engine/rng.ts';
import type { Batch } from '../../src/engine/data/batch.ts';

/**
 * What the bench times, with the engine's own code (Node and browser alike): one Reptile inner
 * step (one Adam step of the 64-filter Conv4 on a batch of 10 images, 5-way) and one
 * meta-iteration (B = 5 episodes of 5-way K-shot, e = 10 inner steps each, then the outer
 * interpolation), with the paper's settings (Adam β1 = 0, β2 = 0.999, lr 0.001), on Omniglot's
 * 28×28×1 (K = 10) or mini-ImageNet's 84×84×3 (K = 15).
 */
export const WORKLOADS = {
  omniglot: { imageSize: 28, channels: 1, shots: 10, title: '28×28×1 Omniglot' },
  'mini-imagenet': { imageSize: 84, channels: 3, shots: 15, title: '84×84×3 mini-ImageNet' },
} as const;
export type WorkloadName = keyof typeof WORKLOADS;

export interface BenchOptions {
  quick: boolean;
  /** Default omniglot. */
  workload?: WorkloadName;
}

export interface WorkloadResult {
  stepMs: number[];
  metaMs: number[];
  /** Why meta-iterations were not run (too slow a backend), if so. */
  metaSkipped?: string;
}

const reptile = reptileSchema.parse({ metaBatch: 5, innerSteps: 10, innerBatch: 10 });
const WAYS = 5;
/** A step (after the first) slower than this marks a backend as too slow for repeated runs and meta-iterations. */
const SLOW_STEP_MS = 2000;

function episode(rng: Rng, n: number, side: number, channels: number): Batch {
  // Sparse strokes on a blank page, like Omniglot; the values do not change the cost.
  const x = Float32Array.from({ length: n * side * side * channels }, () => (rng.next() < 0.15 ? 1 : 0));
  return { x, y: Int32Array.from({ length: n }, (_, i) => i % WAYS), n, side, ...(channels === 1 ? {} : { channels }) };
}

/** Times `fn` after warm-up calls, stopping early (after at least one run) when over budget. */
async function measure(fn: () => Promise<void>, warmup: number, reps: number, budgetMs: number): Promise<number[]> {
  for (let i = 0; i < warmup; i++) await fn();
  const out: number[] = [];
  const start = performance.now();
  while (out.length < reps && (out.length === 0 || performance.now() - start < budgetMs)) out.push(await time(fn));
  return out;
}

async function time(fn: () => Promise<void>): Promise<number> {
  const t = performance.now();
  await fn();
  return performance.now() - t;
}

/**
 * Waits until the backend has computed `w`. GPU backends queue work and return at once; reading
 * one result back (the dense bias, a few floats) waits for everything queued before it, like
 * PyTorch's `loss.item()` per step. Asynchronously: on WebGPU a synchronous read goes through
 * canvases, which headless SwiftShader loses with the device.
 */
const settle = async (w: readonly tf.Tensor[]) => { await w[w.length - 1].data(); };

export async function runWorkload({ quick, workload = 'omniglot' }: BenchOptions): Promise<WorkloadResult> {
  const { imageSize, channels, shots } = WORKLOADS[workload];
  const rng = createRng(1);
  let w = initConv4({ filters: 64, imageSize, channels, ways: WAYS }, 1).map((p) => p.tensor);
  const adam = innerAdam(reptile);
  const batch = episode(rng, reptile.innerBatch, imageSize, channels);
  const step = async () => {
    const next = (await trainStep(w, batch, adam)).w;
    tf.dispose(w);
    w = next;
    await settle(w);
  };
  // The first step compiles shaders (GPU) and allocates Adam's state, so the second one decides.
  await step();
  const probe = await time(step);
  const slow = probe > SLOW_STEP_MS;
  const stepMs = slow ? [probe] : await measure(step, quick ? 5 : 20, quick ? 20 : 100, quick ? 10_000 : 30_000);

  let metaMs: number[] = [];
  let metaSkipped: string | undefined;
  if (slow) {
    metaSkipped = `not run: ${reptile.metaBatch * reptile.innerSteps} inner steps would take minutes`;
  } else {
    const episodes = Array.from({ length: reptile.metaBatch }, () => episode(rng, WAYS * shots, imageSize, channels));
    const meta = async () => {
      const next = await reptileStep(w, episodes, reptile, adam, rng);
      tf.dispose(w);
      w = next;
      await settle(w);
    };
    metaMs = await measure(meta, 1, quick ? 3 : 10, quick ? 20_000 : 60_000);
  }
  tf.dispose(w);
  adam.dispose();
  return { stepMs, metaMs, metaSkipped };
}
