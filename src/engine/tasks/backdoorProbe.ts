import { concatBatches, sliceBatch, type Batch } from '../data/batch';

/** Softmax probabilities of a batch (n × ways), classified as one batch: batch norm uses its statistics. */
export type Probabilities = (b: Batch) => Promise<Float32Array>;

export interface BackdoorHits {
  /** Backdoor images classified as their target, of `n`. */
  hits: number;
  n: number;
  /** Sum of the target's probability over the backdoor images. */
  confidence: number;
  /** Clean context examples classified correctly, of `cleanN`. */
  cleanHits: number;
  cleanN: number;
}

export interface ProbeOptions {
  /** Clean examples classified next to chunk `i` of backdoor images (their labels score the clean accuracy). */
  context: (chunk: number) => Batch;
  /** Backdoor images per chunk. */
  slots: number;
  /** The output label of target t in this classification. */
  labelOf: (target: number) => number;
  probabilities: Probabilities;
}

export const argmaxRow = (p: Float32Array, row: number, k: number): number => {
  let best = 0;
  for (let j = 1; j < k; j++) if (p[row * k + j] > p[row * k + best]) best = j;
  return best;
};

/**
 * The one attack-success measurement (Chen et al.'s attack accuracy, Bhagoji's confidence in the
 * target): keyed backdoor images — `set.y[r]` the index of the target image r is meant to be
 * mistaken for — are classified `slots` at a time after a batch of clean examples, so that batch
 * norm sees an ordinary batch rather than backdoor images alone. The evaluator, the fine-tuning
 * curves and supervised mode all measure attack success through it.
 */
export async function probeBackdoor(set: Batch, o: ProbeOptions): Promise<BackdoorHits> {
  const out: BackdoorHits = { hits: 0, n: set.n, confidence: 0, cleanHits: 0, cleanN: 0 };
  for (let i = 0, chunk = 0; i < set.n; i += o.slots, chunk++) {
    const rows = Array.from({ length: Math.min(o.slots, set.n - i) }, (_, k) => i + k);
    const context = o.context(chunk);
    const p = await o.probabilities(concatBatches(context, sliceBatch(set, rows)));
    const ways = p.length / (context.n + rows.length);
    for (let r = 0; r < context.n; r++) if (argmaxRow(p, r, ways) === context.y[r]) out.cleanHits++;
    out.cleanN += context.n;
    rows.forEach((row, k) => {
      const target = o.labelOf(set.y[row]);
      if (argmaxRow(p, context.n + k, ways) === target) out.hits++;
      out.confidence += p[(context.n + k) * ways + target];
    });
  }
  return out;
}
