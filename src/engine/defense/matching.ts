import * as tf from '@tensorflow/tfjs';
import type { FineTuneConfig } from '../config/schema';
import { conv4Embed, embeddingSize } from '../model/conv4';
import { Adam } from '../optim/adam';
import { toTensors } from '../learners/reptile/learner';
import type { Rng } from '../rng';
import { sliceBatch, type Batch } from '../data/batch';
import { embeddingParams, matchingForward, matchingLoss, matchingScores, plainHead, projectHead, type MatchingHead } from './matchingNet';
import { checkpoints, type Classify, type FineTuneContext, type FineTuner } from './types';

type MatchingConfig = Extract<FineTuneConfig, { kind: 'matching' }>;

/**
 * Training split of a support set, as in Vinyals et al. section 4.1: each iteration one random
 * example of every class is the query and the other examples are the support. A class with a
 * single example is used as both.
 */
export function splitSupport(b: Batch, rng: Rng): { support: Batch; query: Batch } {
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < b.n; i++) byClass.set(b.y[i], [...(byClass.get(b.y[i]) ?? []), i]);
  const s: number[] = [], q: number[] = [];
  for (const rows of [...byClass.entries()].sort((a, c) => a[0] - c[0]).map((e) => e[1])) {
    const pick = rows[rng.int(rows.length)];
    q.push(pick);
    s.push(...(rows.length > 1 ? rows.filter((r) => r !== pick) : rows));
  }
  return { support: sliceBatch(b, s), query: sliceBatch(b, q) };
}

/**
 * Classify batches against the full support set with the current embedding and head; the
 * support set is embedded once per checkpoint. Call `dispose` when the checkpoint is done.
 */
function classifier(embed: readonly tf.Tensor[], head: MatchingHead, support: Batch): { classify: Classify; dispose(): void } {
  let fs: tf.Tensor2D | null = null, ys: tf.Tensor1D | null = null;
  return {
    async classify(b) {
      const p = tf.tidy(() => {
        if (!fs) {
          const s = toTensors(support);
          fs = tf.keep(conv4Embed(embed, s.x));
          ys = tf.keep(s.y);
        }
        return tf.softmax(matchingScores(fs, ys!, conv4Embed(embed, toTensors(b).x), head));
      });
      try {
        return (await p.data()) as Float32Array;
      } finally {
        p.dispose();
      }
    },
    dispose: () => { if (fs) tf.dispose([fs, ys!]); },
  };
}

/**
 * The matching-network defense (Chen et al. section 5, Experiment 4): from θ' (already mixed with a
 * fresh initialisation by the caller), train the gates α and scales β alone for `warmup`
 * iterations with the embedding fixed, then the embedding, α and β jointly, with Adam(η).
 * At iteration 0 this is a plain cosine matching network on f_θ'.
 */
export function createMatching(c: MatchingConfig, ctx: FineTuneContext): FineTuner {
  return {
    kind: 'matching',
    async run(start, support, at, rng) {
      const opts = { lr: c.lr, beta1: ctx.reptile.beta1, beta2: ctx.reptile.beta2 };
      const headAdam = new Adam(opts), jointAdam = new Adam(opts);
      const marks = new Set(checkpoints(c.iterations, c.every));
      let embed = embeddingParams(start).map((t) => tf.clone(t));
      let head = plainHead(ctx.model.ways, embeddingSize(ctx.model), c.betaInit);
      try {
        const checkpoint = async (k: number) => {
          const c = classifier(embed, head, support);
          try { await at(k, c.classify); } finally { c.dispose(); }
        };
        await checkpoint(0);
        for (let k = 1; k <= c.iterations; k++) {
          const split = splitSupport(support, rng);
          const s = toTensors(split.support), q = toTensors(split.query);
          const nE = embed.length;
          const jointly = k > c.warmup;
          const loss = (...ws: tf.Tensor[]) => {
            const e = jointly ? ws.slice(0, nE) : embed;
            const [alpha, beta] = ws.slice(jointly ? nE : 0) as [tf.Tensor2D, tf.Tensor1D];
            return matchingLoss(matchingForward(e, { alpha, beta }, s.x, s.y, q.x), q.y);
          };
          const params = jointly ? [...embed, head.alpha, head.beta] : [head.alpha, head.beta];
          const { value, grads } = tf.valueAndGrads(loss)(params);
          const next = (jointly ? jointAdam : headAdam).step(params, grads);
          tf.dispose([value, ...grads, s.x, s.y, q.x, q.y]);
          if (jointly) {
            tf.dispose(embed);
            embed = next.slice(0, nE);
          }
          tf.dispose([head.alpha, head.beta]);
          head = projectHead(next[next.length - 2], next[next.length - 1]);
          if (marks.has(k)) await checkpoint(k);
        }
      } finally {
        tf.dispose([...embed, head.alpha, head.beta]);
        headAdam.dispose();
        jointAdam.dispose();
      }
    },
  };
}
