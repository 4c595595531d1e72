import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../node/backend';
import type { ExperimentConfig } from '../config/schema';
import { learners } from '../learners/registry';
import type { Mode } from '../learners/metrics';
import { packTensors, unpackParams } from '../model/params';
import { createRng } from '../rng';
import { setupSmall, smallAttack, smallSupervised } from '../testing/attackSetting';
import { OptimiserSlot } from './slot';

beforeAll(async () => { await initNodeBackend('wasm'); });

/** A small federation of each mode, to train its learner on user 0's clean data (the attack is unused). */
const configs: Record<Mode, () => ExperimentConfig> = {
  meta: () => smallAttack({ kind: 'chen-backdoor' }, { reptile: { metaBatch: 1 } }),
  supervised: () => smallSupervised({ kind: 'chen-backdoor' }),
};

describe.each(Object.keys(learners) as Mode[])('an optimiser slot carries Adam through training calls (%s learner)', (mode) => {
  const learner = learners[mode];

  /** θ after training `lengths` in successive calls from θ_0, each call with the slot when given. */
  async function trainInCalls(lengths: number[], slot?: OptimiserSlot): Promise<Float32Array> {
    const c = configs[mode]();
    const { ds, exp } = await setupSmall(c);
    const source = learner.benignSource(ds, exp.split.users[0], c);
    const rng = createRng(21);
    let w = unpackParams(exp.spec, exp.initial).map((p) => p.tensor);
    for (const length of lengths) {
      const next = learner.train(w, source, length, c, rng, { slot });
      tf.dispose(w);
      w = next;
    }
    const out = await packTensors(w);
    tf.dispose(w);
    return out;
  }

  it('two calls sharing a slot train exactly as one call of both lengths; fresh optimisers do not', async () => {
    const once = await trainInCalls([4]);
    const slot = new OptimiserSlot();
    const kept = await trainInCalls([2, 2], slot);
    expect(slot.adam).not.toBeNull();
    slot.dispose();
    expect(slot.adam).toBeNull();
    expect(kept).toEqual(once);
    // A fresh Adam restarts its moments and step count, so the second call's steps differ.
    const fresh = await trainInCalls([2, 2]);
    expect(fresh).not.toEqual(once);
  });

  it('leaves no tensor behind once the slot is disposed', async () => {
    const before = tf.memory().numTensors;
    const slot = new OptimiserSlot();
    await trainInCalls([1, 1], slot);
    expect(tf.memory().numTensors).toBeGreaterThan(before);
    slot.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
});
