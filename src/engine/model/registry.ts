import { conv4 } from './conv4';
import { fmnistCnn } from './fmnistCnn';
import { glorotParams, glorotValues } from './init';
import { kindOf, type ModelDef, type ModelKind, type ModelShape } from './kind';
import { lenet5 } from './lenet5';
import type { ParamSpec, Params } from './params';

/** Every model kind's definition: a kind in the schema (config/schema.ts MODEL_KINDS) without one fails to compile. */
export const models: { [K in ModelKind]: ModelDef<K> } = {
  conv4,
  lenet5,
  'fmnist-cnn': fmnistCnn,
};

/** The definition of a shape's kind (no kind: Conv4, as shapes and checkpoints from before kinds). */
export const modelFor = (m: Pick<ModelShape, 'kind'>): ModelDef => models[kindOf(m)];

export const modelSpec = (m: ModelShape): ParamSpec[] => modelFor(m).spec(m);

/** Initial weights of the shape's kind, deterministic from the seed (see init.ts). */
export const initModelValues = (m: ModelShape, seed: number): Float32Array[] => glorotValues(modelSpec(m), seed);

/** The same as named tensors, owned by the caller. */
export const initModel = (m: ModelShape, seed: number): Params => glorotParams(modelSpec(m), seed);
