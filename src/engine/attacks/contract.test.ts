import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import type { ActiveAttackConfig } from '../config/schema';
import { sizeOf } from '../model/params';
import { add, norm, scale } from '../model/vec';
import { createLocalClients } from '../experiment/clients';
import { setupSmall, smallAttack, smallSupervised } from '../testing/attackSetting';
import { attackKinds } from './registry';

beforeAll(async () => { await initNodeBackend('wasm'); });

/** Each attack's knobs for a tiny run that exercises its options (a new kind must be added here). */
const knobs: { [K in ActiveAttackConfig['kind']]: object } = {
  'chen-backdoor': {},
  'bhagoji-explicit': { objective: 'concatenated', estimation: 'post', boostInverseWeight: true },
  'bhagoji-alternating': { epochs: 2, distance: 'benign-mean', rho: 1e-3, estimation: 'pre' },
  'zhou-am': { epochs: 2, hessian: 'hutchinson', hessianSamples: 2, rho2: 0.5 },
  'model-replacement': {},
};

const cases = attackKinds.flatMap((kind) => (['meta', 'supervised'] as const).map((mode) => [kind, mode] as const));

describe.each(cases)('attack %s (%s)', (kind, mode) => {
  const attack = { kind, episodes: 10, innerEpochs: 1, schedule: { kind: 'multi-shot', from: 1 }, ...knobs[kind] };
  const config = mode === 'meta' ? smallAttack(attack) : smallSupervised(attack);

  it('sends a finite update of the model\'s size, the same for the same seed, and keeps the tensor count flat', async () => {
    const { ds, exp } = await setupSmall(config);
    const run = async () => {
      const attacker = createLocalClients(exp, config, ds)[0];
      const before = tf.memory().numTensors;
      const u1 = await attacker.train({ round: 1, weights: exp.initial, seed: 11 });
      const after1 = tf.memory().numTensors;
      // A second attack round, from θ_G moved by half the first update: estimation now has history.
      const u2 = await attacker.train({ round: 2, weights: add(exp.initial, scale(u1.delta, 0.5)), seed: 12 });
      expect(tf.memory().numTensors).toBe(after1);
      attacker.dispose();
      expect(tf.memory().numTensors).toBe(before);
      return [u1, u2];
    };
    const [a1, a2] = await run();
    const [b1, b2] = await run();
    for (const u of [a1, a2]) {
      expect(u.clientId).toBe(0);
      expect(u.delta).toHaveLength(sizeOf(exp.spec));
      expect(u.delta.every(Number.isFinite)).toBe(true);
      expect(norm(u.delta)).toBeGreaterThan(0);
    }
    expect(b1.delta).toEqual(a1.delta);
    expect(b2.delta).toEqual(a2.delta);
  });
});
