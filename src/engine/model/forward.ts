import type * as tf from '@tensorflow/tfjs';
import type { ModelDef, ModelShape, TrainingPass } from './kind';
import { models } from './registry';

/**
 * The forward pass of a bare weight list. The learners, attacks and evaluation hand the model
 * the weights and a batch only (crossEntropy, predict and probabilities in
 * learners/reptile/learner.ts, localTrain in learners/fedavg/trainer.ts), so the list's layout,
 * the ranks of its tensors in order, names its kind: Conv4 has 18 tensors, LeNet-5 10, the
 * Fashion-MNIST CNN 8. Layouts are checked to be distinct when this module loads, so a new kind
 * that looked like an old one would fail at once rather than run the wrong network.
 */
const layoutKey = (ranks: readonly number[]): string => ranks.join(',');

// Ranks do not depend on the sizes: any shape the kinds accept will do.
const PROBE: ModelShape = { filters: 1, imageSize: 28, channels: 1, ways: 2 };

const byLayout = new Map<string, ModelDef>();
for (const def of Object.values(models) as ModelDef[]) {
  const key = layoutKey(def.spec(PROBE).map((p) => p.shape.length));
  const other = byLayout.get(key);
  if (other) throw new Error(`model kinds ${other.kind} and ${def.kind} have the same parameter layout (${key}); the forward pass cannot tell them apart`);
  byLayout.set(key, def);
}

/** The kind whose parameter layout `w` has; throws, naming the layout, when none has it. */
export function modelOfWeights(w: readonly tf.Tensor[]): ModelDef {
  const ranks = w.map((t) => t.rank);
  const def = byLayout.get(layoutKey(ranks));
  if (!def) throw new Error(`no model kind has ${w.length} parameter tensors of ranks [${ranks.join(', ')}] (kinds: ${[...byLayout.values()].map((d) => d.kind).join(', ')})`);
  return def;
}

/** Logits [batch, ways] of whichever kind `w` (in spec order) is. */
export const modelLogits = (w: readonly tf.Tensor[], x: tf.Tensor4D, pass?: TrainingPass): tf.Tensor2D => modelOfWeights(w).logits(w, x, pass);
