import { describe, expect, it } from 'vitest';
import { checkCompatible, CheckpointError, decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import type { ModelShape } from './kind';
import { initModelValues, modelSpec } from './registry';

/** Checkpoints of the non-Conv4 kinds: the header keeps the kind, and a config of another kind is refused. */
const lenet: ModelShape = { kind: 'lenet5', filters: 64, imageSize: 28, channels: 1, ways: 10 };
const packed = (m: ModelShape) => Float32Array.from(initModelValues(m, 5).flatMap((v) => [...v]));

describe('checkpoints of other model kinds', () => {
  it('a LeNet-5 checkpoint reads back with its kind, spec and weights', () => {
    const w = packed(lenet);
    expect(w.length).toBe(61_706);
    const c = decodeCheckpoint(encodeCheckpoint(lenet, modelSpec(lenet), w, { round: 3 }));
    expect(c.header.model).toEqual(lenet);
    expect(c.header.spec).toEqual(modelSpec(lenet));
    expect(c.weights).toEqual(w);
    expect(() => checkCompatible(c, { ...lenet })).not.toThrow();
  });

  it('is refused for a config of another kind, naming model.kind', () => {
    const c = decodeCheckpoint(encodeCheckpoint(lenet, modelSpec(lenet), packed(lenet)));
    expect(() => checkCompatible(c, { ...lenet, kind: 'conv4' })).toThrow('checkpoint holds a lenet5 model but the config asks for model.kind = conv4');
    expect(() => checkCompatible(c, { ...lenet, kind: 'fmnist-cnn' })).toThrow(/model\.kind = fmnist-cnn/);
    expect(() => checkCompatible(c, { ...lenet, ways: 5 })).toThrow('checkpoint has ways = 10 but the config needs 5');
    // filters is Conv4's width: a LeNet-5 checkpoint does not care.
    expect(() => checkCompatible(c, { ...lenet, filters: 16 })).not.toThrow();
  });

  it('a checkpoint without a kind (saved before kinds) is Conv4', () => {
    const m = { filters: 4, imageSize: 16, channels: 1, ways: 5 };
    const c = decodeCheckpoint(encodeCheckpoint(m, modelSpec(m), packed(m)));
    expect(c.header.model.kind).toBeUndefined();
    expect(() => checkCompatible(c, { ...m, kind: 'conv4' })).not.toThrow();
    expect(() => checkCompatible(c, { ...m, kind: 'lenet5' })).toThrow('checkpoint holds a conv4 model but the config asks for model.kind = lenet5');
    expect(() => checkCompatible(c, { ...m, kind: 'conv4', filters: 8 })).toThrow('checkpoint has filters = 4 but the config needs 8');
  });

  it('refuses a header with an unknown kind', () => {
    const m = { ...lenet, kind: 'resnet' } as unknown as ModelShape;
    const bytes = encodeCheckpoint(m, [{ name: 'w', shape: [2] }], new Float32Array(2));
    expect(() => decodeCheckpoint(bytes)).toThrow(CheckpointError);
    expect(() => decodeCheckpoint(bytes)).toThrow(/model\.kind must be one of conv4, lenet5, fmnist-cnn \(got "resnet"\)/);
    // A damaged "kind" key is refused rather than read as a kind-less (Conv4) checkpoint.
    const damaged = encodeCheckpoint({ ...lenet, kinc: 'lenet5' } as ModelShape, [{ name: 'w', shape: [2] }], new Float32Array(2));
    expect(() => decodeCheckpoint(damaged)).toThrow(/model\.kinc is not a field/);
  });
});
