import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../config/parse';
import { tinyDataset } from '../../testing/tinyDataset';
import { metaSplit } from './split';

const ds = tinyDataset(30, 20);
const base = { dataset: { name: 'synthetic', metaTrainClasses: 16, metaTestClasses: 8, rotations: 1, validationPerClass: 2 }, task: { trainShots: 5, testShots: 5 }, federation: { users: 2, perRound: 2, minUpdates: 2 } } as const;
const cfg = (patch: Record<string, unknown> = {}) => parseConfig({ ...base, ...patch, dataset: { ...base.dataset, ...(patch.dataset as object) } });
const reserved = (c: ReturnType<typeof cfg>) => { const s = metaSplit(c, ds).reserved; return [...s.target, ...s.backdoor].map((r) => r.cls); };

describe('the class split of a run', () => {
  it('follows dataset.splitSeed, not the run\'s seed, when it is set (runs from a checkpoint keep its unseen classes unseen)', () => {
    expect(reserved(cfg({ seed: 2, dataset: { splitSeed: 1 } }))).toEqual(reserved(cfg({ seed: 1 })));
    expect(metaSplit(cfg({ seed: 7, dataset: { splitSeed: 1 } }), ds)).toEqual(metaSplit(cfg({ seed: 1 }), ds));
    expect(reserved(cfg({ seed: 2 }))).not.toEqual(reserved(cfg({ seed: 1 })));
  });

  it('deals the benign part of each backdoor class to the users in pre-training for scenarios (b) and (c), and nothing else changes', () => {
    const plain = metaSplit(cfg(), ds);
    const pre = metaSplit(cfg({ dataset: { pretrainBackdoorClasses: true } }), ds);
    const backdoors = plain.reserved.backdoor.map((r) => r.cls); // 4 (the default)
    expect(pre.users.map((u) => u.length)).toEqual(plain.users.map((u) => u.length + 2)); // round-robin over 2 users
    const added = pre.users.flatMap((u, i) => u.slice(plain.users[i].length));
    expect(added.map((r) => r.cls).sort()).toEqual([...backdoors].sort());
    for (const r of added) {
      expect(r.rotation).toBe(0);
      expect(r.train).toHaveLength(10); // attack.benignPerClass's default: what benign users hold in the attack runs
    }
    expect(pre.metaTest).toEqual(plain.metaTest);
    expect(pre.reserved).toEqual(plain.reserved);
  });

  it('refuses pretrainBackdoorClasses in a run with an attack, naming the field', () => {
    expect(() => cfg({ dataset: { pretrainBackdoorClasses: true }, attack: { kind: 'chen-backdoor' } })).toThrow(ConfigError);
    expect(() => cfg({ dataset: { pretrainBackdoorClasses: true }, attack: { kind: 'chen-backdoor' } })).toThrow(/dataset\.pretrainBackdoorClasses/);
  });
});
