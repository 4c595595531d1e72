import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../../node/backend';
import { createEvaluator } from '../../eval/evaluator';
import { createServerValidation } from '../../eval/serverValidation';
import { createLocalClients } from '../../experiment/clients';
import { runFederation, type MetricPoint } from '../../experiment/run';
import { setupSmall, smallSupervised } from '../../testing/attackSetting';

beforeAll(async () => { await initNodeBackend('wasm'); });

async function run(attack: object, over = {}): Promise<MetricPoint[]> {
  const c = smallSupervised(attack, over);
  const { ds, exp } = await setupSmall(c);
  const clients = createLocalClients(exp, c, ds);
  const points: MetricPoint[] = [];
  await runFederation({ config: c, clients, evaluator: createEvaluator(ds, exp), initial: exp.initial }, { onPoint: (p) => points.push(p) });
  clients.forEach((x) => x.dispose());
  return points;
}

describe('supervised federated learning (FedAvg)', () => {
  it('learns: test accuracy of θ_G rises far above 10-way chance', async () => {
    const points = await run({ kind: 'none' }, { rounds: 4 });
    expect(points[0].testAccuracy).toBeLessThan(0.25);
    expect(points.at(-1)!.testAccuracy).toBeGreaterThan(0.5);
    // The mode's own metric names: test accuracy over test examples, no few-shot metrics.
    expect(points[0].testExamples).toBeGreaterThan(0);
    expect(points[0]).not.toHaveProperty('metaTestAccuracy');
  });
  it('a boosted data-poisoning update makes θ_G classify keyed label-5 images as 7', async () => {
    const points = await run({ kind: 'chen-backdoor', boost: 3, episodes: 40, schedule: { kind: 'single-shot', round: 2 } }, { rounds: 2 });
    expect(points[1].phase).toBe('pretrain');
    expect(points[2].phase).toBe('attack');
    expect(points[2].attackValSuccess!).toBeGreaterThan(points[1].attackValSuccess! + 0.4);
  });
});

describe("Bhagoji et al.'s stealth claim in their own setting", () => {
  it('explicit boosting lowers the malicious model\'s test accuracy; alternating minimisation keeps it near the global one', async () => {
    const stealth = { enabled: true, accuracy: true, episodes: 5 };
    const drops: number[] = [];
    // Their objective: one chosen example of label 5 (no key) to be classified as 7, λ = 10.
    const target = { poisonedPerClass: 1, key: { kind: 'none' }, mix: { target: 0, backdoor: 1 }, schedule: { kind: 'single-shot', round: 3 } };
    for (const attack of [
      { kind: 'bhagoji-explicit', boostInverseWeight: true, episodes: 6 },
      // 5 adversarial and 30 benign steps per alternation (what episodes 6 ran when phases were floored at a meta-batch).
      { kind: 'bhagoji-alternating', boostInverseWeight: true, episodes: 15, epochs: 3, benignRatio: 6, distance: 'global' },
    ]) {
      const c = smallSupervised({ ...attack, ...target }, { rounds: 3, eval: { stealth }, supervised: { optimizer: 'sgd', lr: 0.05 } });
      const { ds, exp } = await setupSmall(c);
      const clients = createLocalClients(exp, c, ds);
      const points: MetricPoint[] = [];
      await runFederation({ config: c, clients, evaluator: createEvaluator(ds, exp), server: createServerValidation(ds, exp, c), initial: exp.initial }, { onPoint: (p) => points.push(p) });
      clients.forEach((x) => x.dispose());
      const s = points.at(-1)!.stealth!;
      drops.push(s.globalValAccuracy! - s.updates.find((u) => u.malicious)!.valAccuracy!);
    }
    const [explicit, alternating] = drops;
    expect(explicit).toBeGreaterThan(0.1);
    expect(alternating).toBeLessThan(explicit / 2);
  });
});
