import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import { createEvaluator } from '../eval/evaluator';
import { createLocalClients } from '../experiment/clients';
import { setupExperiment } from '../experiment/experiment';
import { runFederation, type MetricPoint } from '../experiment/run';
import { setupSmall, smallSupervised } from '../testing/attackSetting';
import { decodeCheckpoint, encodeCheckpoint } from './checkpoint';
import { sizeOf } from './params';

beforeAll(async () => { await initNodeBackend('wasm'); });

/**
 * LeNet-5 through the whole engine: the small supervised federation of the attack tests (16×16
 * synthetic glyphs, 10 labels, 4 users, FedAvg) with `model.kind: 'lenet5'` instead of Conv4 (a
 * new kind replaces the whole model section in mergeConfig, so imageSize is given again).
 */
describe('a LeNet-5 federation (mode supervised)', () => {
  const config = smallSupervised({ kind: 'none' }, { rounds: 3, model: { kind: 'lenet5', imageSize: 16 } });

  it('builds the LeNet-5 layout and learns far above 10-way chance', async () => {
    const { ds, exp } = await setupSmall(config);
    expect(exp.model.kind).toBe('lenet5');
    expect(sizeOf(exp.spec)).toBe(21_386); // 16×16: see kinds.test.ts
    expect(exp.initial.length).toBe(21_386);
    const clients = createLocalClients(exp, config, ds);
    const points: MetricPoint[] = [];
    await runFederation({ config, clients, evaluator: createEvaluator(ds, exp), initial: exp.initial }, { onPoint: (p) => points.push(p) });
    clients.forEach((x) => x.dispose());
    expect(points[0].testAccuracy).toBeLessThan(0.25);
    expect(points.at(-1)!.testAccuracy).toBeGreaterThan(0.5);
  });

  it('starts from a LeNet-5 checkpoint, and refuses it for a Conv4 config', async () => {
    const { ds, exp } = await setupSmall(config);
    const ckpt = decodeCheckpoint(encodeCheckpoint(exp.model, exp.spec, exp.initial));
    expect(setupExperiment(config, ds, ckpt).initial).toEqual(exp.initial);
    const conv4 = smallSupervised({ kind: 'none' });
    expect(() => setupExperiment(conv4, ds, ckpt)).toThrow('checkpoint holds a lenet5 model but the config asks for model.kind = conv4');
  });
});
