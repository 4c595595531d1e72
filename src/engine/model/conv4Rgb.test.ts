import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { parseConfig } from '../config/parse';
import { datasetForConfig } from '../data/forConfig';
import { setupExperiment } from '../experiment/experiment';
import { modelSpec } from './registry';

beforeAll(async () => { await initNodeBackend('wasm'); });

describe('Conv4 on RGB input', () => {
  it('takes 3 input channels in its first kernel, and 84×84 ends as 6×6×64 features (84 → 42 → 21 → 11 → 6)', () => {
    const spec = modelSpec({ kind: 'conv4', filters: 64, imageSize: 84, channels: 3, ways: 5 });
    expect(spec[0]).toEqual({ name: 'conv0/kernel', shape: [3, 3, 3, 64] });
    expect(spec.at(-2)).toEqual({ name: 'dense/kernel', shape: [6 * 6 * 64, 5] });
  });

  it('is built with 3 channels from an RGB dataset', async () => {
    const config = parseConfig({ dataset: { name: 'synthetic-rgb', syntheticClasses: 20, syntheticPerClass: 20, metaTrainClasses: 10, metaTestClasses: 5, rotations: 1, validationPerClass: 2 }, federation: { users: 2, perRound: 2, minUpdates: 2 }, model: { filters: 4 } });
    const ds = await datasetForConfig(config, () => { throw new Error('synthetic only'); });
    expect(setupExperiment(config, ds).model.channels).toBe(3);
  });
});
