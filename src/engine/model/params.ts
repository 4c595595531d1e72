import * as tf from '@tensorflow/tfjs';

/**
 * Model parameters: an ordered list of named tensors. The order is the packing order, so
 * two parameter lists with the same spec can be combined element-wise as tensors or as flat
 * vectors (see vec.ts).
 */
export interface ParamSpec {
  name: string;
  shape: number[];
}

export interface NamedTensor extends ParamSpec {
  tensor: tf.Tensor;
}

export type Params = NamedTensor[];

export const specOf = (p: Params): ParamSpec[] => p.map(({ name, shape }) => ({ name, shape: [...shape] }));
export const sizeOf = (spec: readonly ParamSpec[]): number =>
  spec.reduce((n, s) => n + s.shape.reduce((a, b) => a * b, 1), 0);

const like = (p: Params, tensors: tf.Tensor[]): Params =>
  p.map((x, i) => ({ name: x.name, shape: x.shape, tensor: tensors[i] }));

function zip(a: Params, b: Params, f: (x: tf.Tensor, y: tf.Tensor) => tf.Tensor): Params {
  if (a.length !== b.length) throw new Error(`parameter lists differ: ${a.length} vs ${b.length}`);
  return like(a, a.map((x, i) => {
    if (x.name !== b[i].name) throw new Error(`parameter ${i} is ${x.name} in one list and ${b[i].name} in the other`);
    return tf.tidy(() => f(x.tensor, b[i].tensor));
  }));
}

export const addParams = (a: Params, b: Params) => zip(a, b, tf.add);
export const subParams = (a: Params, b: Params) => zip(a, b, tf.sub);
export const scaleParams = (a: Params, s: number) => like(a, a.map((x) => tf.tidy(() => tf.mul(x.tensor, s))));
/** a + t·(b − a). */
export const lerpParams = (a: Params, b: Params, t: number) => zip(a, b, (x, y) => tf.add(x, tf.mul(tf.sub(y, x), t)));

export function meanParams(list: Params[], weights?: number[]): Params {
  if (list.length === 0) throw new Error('mean of no parameter lists');
  const w = weights ?? list.map(() => 1 / list.length);
  return like(list[0], list[0].map((_, i) =>
    tf.tidy(() => tf.addN(list.map((p, k) => tf.mul(p[i].tensor, w[k]))))));
}

/** Global L2 norm over all parameters (read asynchronously). */
export async function normParams(a: Params): Promise<number> {
  const sq = tf.tidy(() => tf.addN(a.map((x) => tf.sum(tf.square(x.tensor)))));
  const [s] = await sq.data();
  sq.dispose();
  return Math.sqrt(s);
}

export async function distanceParams(a: Params, b: Params): Promise<number> {
  const d = subParams(a, b);
  const n = await normParams(d);
  disposeParams(d);
  return n;
}

export const cloneParams = (a: Params): Params => like(a, a.map((x) => tf.clone(x.tensor)));
export const disposeParams = (a: Params): void => a.forEach((x) => x.tensor.dispose());

/** All parameters back to back in spec order. */
export const packParams = (a: Params): Promise<Float32Array> => packTensors(a.map((x) => x.tensor));

/**
 * The tensors' values back to back. Reads are asynchronous: a synchronous read blocks the
 * thread and, on WebGPU, goes through canvases that headless GPUs lose.
 */
export async function packTensors(ts: readonly tf.Tensor[]): Promise<Float32Array> {
  const values = await Promise.all(ts.map((t) => t.data() as Promise<Float32Array>));
  const out = new Float32Array(ts.reduce((n, t) => n + t.size, 0));
  let off = 0;
  for (const v of values) {
    out.set(v, off);
    off += v.length;
  }
  return out;
}

export function unpackParams(spec: readonly ParamSpec[], data: Float32Array): Params {
  const n = sizeOf(spec);
  if (data.length !== n) throw new Error(`packed parameters have ${data.length} values, the model needs ${n}`);
  let off = 0;
  return spec.map(({ name, shape }) => {
    const size = shape.reduce((a, b) => a * b, 1);
    const tensor = tf.tensor(data.subarray(off, off + size), shape, 'float32');
    off += size;
    return { name, shape: [...shape], tensor };
  });
}
