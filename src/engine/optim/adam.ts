import * as tf from '@tensorflow/tfjs';
import { adamUpdate } from '../backend/adamUpdate';

/** Adam's moments and step count as plain arrays (to restore them on another backend). */
export interface AdamState {
  t: number;
  v: Float32Array[] | null;
  m: Float32Array[] | null;
}

export interface AdamOptions {
  lr: number;
  beta1: number;
  beta2: number;
  epsilon?: number;
}

/**
 * Adam over a list of plain tensors (no tf.Variable), so the learner owns every tensor and can
 * swap parameter lists freely. With β1 = 0 (Reptile's choice) the first moment is the gradient
 * itself and no m slots are kept. The state persists across episodes, as in Nichol et al.'s code.
 */
export class Adam {
  private m: tf.Tensor[] | null = null;
  private v: tf.Tensor[] | null = null;
  private t = 0;
  constructor(private readonly o: AdamOptions) {}

  /** Returns new parameters; the caller disposes the old ones and the gradients. */
  step(params: readonly tf.Tensor[], grads: readonly tf.Tensor[]): tf.Tensor[] {
    const { lr, beta1, beta2, epsilon = 1e-8 } = this.o;
    this.t += 1;
    const lrT = (lr * Math.sqrt(1 - beta2 ** this.t)) / (1 - beta1 ** this.t);
    const v0 = this.v ?? params.map((p) => tf.zerosLike(p));
    const m0 = beta1 > 0 ? (this.m ?? params.map((p) => tf.zerosLike(p))) : null;
    const next: tf.Tensor[] = [], v: tf.Tensor[] = [], m: tf.Tensor[] = [];
    params.forEach((p, i) => {
      // One fused kernel per parameter on wasm (adamUpdate.ts), the same maths in tfjs ops elsewhere.
      const u = adamUpdate(p, grads[i], v0[i], m0 ? m0[i] : null, { lr: lrT, beta1, beta2, epsilon });
      next.push(u.p);
      v.push(u.v);
      if (u.m) m.push(u.m);
    });
    tf.dispose(v0);
    if (m0) tf.dispose(m0);
    this.v = v;
    this.m = m0 ? m : null;
    return next;
  }

  /** The state as plain arrays (read asynchronously). */
  async exportState(): Promise<AdamState> {
    const read = async (ts: tf.Tensor[] | null) => ts && Promise.all(ts.map(async (x) => (await x.data()) as Float32Array));
    return { t: this.t, v: await read(this.v), m: await read(this.m) };
  }

  /** Continue from an exported state, with tensors of the current backend. Needs the parameters' shapes. */
  importState(s: AdamState, shapes: readonly number[][]): void {
    this.dispose();
    this.t = s.t;
    this.v = s.v && s.v.map((a, i) => tf.tensor(a, shapes[i]));
    this.m = s.m && s.m.map((a, i) => tf.tensor(a, shapes[i]));
  }

  dispose(): void {
    if (this.v) tf.dispose(this.v);
    if (this.m) tf.dispose(this.m);
    this.v = this.m = null;
    this.t = 0;
  }
}
