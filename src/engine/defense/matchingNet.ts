import * as tf from '@tensorflow/tfjs';
import { CONV_LAYERS, conv4Embed } from '../model/conv4';

/**
 * The matching network of Chen et al. 2020, section 5 (after Vinyals et al. 2016 and the gated,
 * scaled variant of their reference [32]). With f the Conv4 embedding (the model without its
 * classifier), support examples (x_i, y_i) and a query x̂, the attention on support example i is
 *   a_i = softmax_i( β_{y_i} · cos(α_{y_i} ⊙ f(x̂), f(x_i)) )
 * with gates 0 ≤ α_{l,j} ≤ 1 on the embedding components and a scale β_l per class l, and
 *   P(l | x̂, S) = Σ_{i: y_i = l} a_i.
 * Per-class aggregation is therefore Vinyals et al.'s sum of attention over the class's support
 * examples (not a prototype): the class score returned here is log Σ_{i∈S_l} exp(e_i), whose
 * softmax over classes is exactly P(l | x̂, S).
 */
export interface MatchingHead {
  /** α: [ways, embedding size], kept in [0, 1]. */
  alpha: tf.Tensor2D;
  /** β: [ways], kept ≥ 0. */
  beta: tf.Tensor1D;
}

/** The embedding's parameters: the Conv4 parameter list without the dense layer. */
export const embeddingParams = (w: readonly tf.Tensor[]): tf.Tensor[] => w.slice(0, 4 * CONV_LAYERS);

/** Gates at 1 and a common scale: a plain (cosine-attention) matching network. */
export function plainHead(ways: number, dim: number, betaInit = 1): MatchingHead {
  return { alpha: tf.ones([ways, dim]) as tf.Tensor2D, beta: tf.fill([ways], betaInit) as tf.Tensor1D };
}

const unit = (x: tf.Tensor, axis: number) => tf.div(x, tf.sqrt(tf.add(tf.sum(tf.square(x), axis, true), 1e-12)));

/**
 * Class scores [queries, ways] from support embeddings fs [m, D] with labels ys and query
 * embeddings fq [q, D]. Every class must have at least one support example.
 */
export function matchingScores(fs: tf.Tensor2D, ys: tf.Tensor1D, fq: tf.Tensor2D, head: MatchingHead): tf.Tensor2D {
  return tf.tidy(() => {
    const [ways, dim] = head.alpha.shape;
    const [q] = fq.shape;
    const m = fs.shape[0];
    const sn = unit(fs, 1); // [m, D]
    const gated = unit(tf.mul(tf.reshape(fq, [q, 1, dim]), tf.reshape(head.alpha, [1, ways, dim])), 2); // [q, N, D]
    const sim = tf.reshape(tf.matMul(tf.reshape(gated, [q * ways, dim]), sn, false, true), [q, ways, m]);
    const mask = tf.transpose(tf.oneHot(ys, ways).asType('float32')); // [N, m]
    const own = tf.sum(tf.mul(sim, tf.reshape(mask, [1, ways, m])), 1); // cos(α_{y_i} ⊙ f(x̂), f(x_i)): [q, m]
    const betaOfSupport = tf.sum(tf.mul(mask, tf.reshape(head.beta, [ways, 1])), 0); // β_{y_i} (no gather: its gradient has no wasm kernel)
    const e = tf.mul(own, tf.reshape(betaOfSupport, [1, m])); // β_{y_i} · cos
    const masked = tf.add(tf.reshape(e, [q, 1, m]), tf.mul(tf.sub(tf.reshape(mask, [1, ways, m]), 1), 1e9));
    return tf.logSumExp(masked, 2) as tf.Tensor2D;
  });
}

/** Embed support and queries (each batch normalised with its own statistics) and score the queries. */
export function matchingForward(embed: readonly tf.Tensor[], head: MatchingHead, xs: tf.Tensor4D, ys: tf.Tensor1D, xq: tf.Tensor4D): tf.Tensor2D {
  return tf.tidy(() => matchingScores(conv4Embed(embed, xs), ys, conv4Embed(embed, xq), head));
}

/** Mean cross-entropy −log P(y | x̂, S) over the queries. */
export function matchingLoss(scores: tf.Tensor2D, yq: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.losses.softmaxCrossEntropy(tf.oneHot(yq, scores.shape[1]), scores) as tf.Scalar);
}

/** Keep the gates in [0, 1] and the scales ≥ 0 (projected gradient steps). Disposes the inputs. */
export function projectHead(alpha: tf.Tensor, beta: tf.Tensor): MatchingHead {
  const out = tf.tidy(() => ({ alpha: tf.clipByValue(alpha, 0, 1) as tf.Tensor2D, beta: tf.relu(beta) as tf.Tensor1D }));
  tf.dispose([alpha, beta]);
  return out;
}
