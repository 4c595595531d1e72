import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { benignPool } from '../engine/attacks/scenario';
import type { ImageDataset } from '../engine/data/types';
import type { ClassRef } from '../engine/data/classRef';
import { setupSmall, smallAttack } from '../engine/testing/attackSetting';
import { userPayload } from './userData';

beforeAll(async () => { await tf.setBackend('cpu'); });

const pixels = (ds: ImageDataset, refs: readonly ClassRef[]) => {
  const px = ds.width * ds.height;
  return refs.flatMap((r) => r.train.map((i) => [...ds.images.subarray(i * px, (i + 1) * px)].join(',')));
};

describe('userPayload', () => {
  it('ships each user its own classes and its share of the attack data, and nothing else', async () => {
    const config = smallAttack({ kind: 'chen-backdoor', scenario: 'c' }, { federation: { users: 3, perRound: 3, minUpdates: 3 } });
    const { ds, exp } = await setupSmall(config);
    const bd = exp.backdoor!;
    for (const id of [0, 1, 2]) {
      const p = userPayload(exp, config, ds, id);
      expect(pixels(p.data, p.own)).toEqual(pixels(ds, exp.split.users[id]));
      expect(p.backdoor!.heldOut.every((r) => r.train.length === 0)).toBe(true);
      if (id === 0) { // the attacker: X_T and X_B, no benign copies of the reserved classes
        expect(pixels(p.data, p.backdoor!.attackerBackdoors)).toEqual(pixels(ds, bd.attackerBackdoors));
        expect(pixels(p.data, p.backdoor!.attackerTargets)).toEqual(pixels(ds, bd.attackerTargets));
        expect(p.backdoor!.targets.every((r) => r.train.length === 0)).toBe(true);
      } else { // a benign user: in round t it trains on exactly the classes it would in-process
        expect(pixels(p.data, benignPool(config, p.own, p.backdoor, id, 1))).toEqual(pixels(ds, benignPool(config, exp.split.users[id], bd, id, 1)));
        expect(p.backdoor!.attackerBackdoors.every((r) => r.train.length === 0)).toBe(true);
      }
      const own = p.own.flatMap((r) => [...r.train, ...r.val]).length;
      expect(p.data.images.length / (ds.width * ds.height)).toBeLessThan(own + 6 * 20);
    }
  });
});
