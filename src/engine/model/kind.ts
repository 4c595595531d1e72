import type * as tf from '@tensorflow/tfjs';
import type { ModelKind } from '../config/schema';
import type { ParamSpec } from './params';

export type { ModelKind };

/**
 * A model's layout: which architecture (`kind`) and the sizes it is built for. `kind` may be
 * absent because checkpoints and shapes written before there was more than one kind are Conv4:
 * read it through `kindOf`. `filters` is Conv4's width; the other kinds carry it unused (the
 * config refuses a non-default value for them).
 *
 * Type-only imports: checkpoint.ts reads this on the UI thread without loading tfjs.
 */
export interface ModelShape {
  kind?: ModelKind;
  filters: number;
  imageSize: number;
  channels: number;
  ways: number;
}

export const kindOf = (m: Pick<ModelShape, 'kind'>): ModelKind => m.kind ?? 'conv4';

/**
 * One architecture, written functionally over its ordered parameter list (the spec's order) so
 * that weights can be averaged, interpolated and shipped between workers. The classifier is
 * always the last two tensors (kernel, bias): the rest is the embedding.
 *
 * Only dropout tells training from evaluation (Conv4's batch norm is transductive either way): a
 * training step's forward pass carries a `TrainingPass` whose seed draws the dropout masks, and
 * evaluation passes none. Kinds without dropout ignore it.
 */
/** The forward pass of one training step: `seed` draws its dropout masks (one seed per step, so runs repeat). */
export interface TrainingPass { seed: number }

export interface ModelDef<K extends ModelKind = ModelKind> {
  readonly kind: K;
  /** Where the architecture comes from, for messages and the UI. */
  readonly title: string;
  /** Parameter names and shapes in packing order; throws when `imageSize` is too small for the kind. */
  spec(m: ModelShape): ParamSpec[];
  /** Dropout rates of its dropout layers, in order (none: it has no dropout). */
  readonly dropout?: readonly number[];
  /** Logits [batch, ways] from images [batch, side, side, channels]; `w` in spec order; `pass` in a training step. */
  logits(w: readonly tf.Tensor[], x: tf.Tensor4D, pass?: TrainingPass): tf.Tensor2D;
  /** Features before the classifier [batch, embeddingSize]; `w` may hold the classifier too (ignored). */
  embed(w: readonly tf.Tensor[], x: tf.Tensor4D): tf.Tensor2D;
  embeddingSize(m: ModelShape): number;
}
