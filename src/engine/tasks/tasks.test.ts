import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { tinyDataset } from '../testing/tinyDataset';
import { drawReserved, metaTrainPool, splitClasses } from './classSplit';
import { sampleEpisode } from './episodes';
import { writeImage } from '../data/batch';

const ds = tinyDataset(30, 6);
const split = splitClasses(ds, { seed: 1, users: 3, metaTrainClasses: 18, metaTestClasses: 9, rotations: 4, validationPerClass: 2, reserve: { target: 1, backdoor: 2 } });

describe('class split', () => {
  it('deals meta-training characters to users, ×4 with rotations, disjoint from meta-test and reserved', () => {
    expect(split.users.map((u) => u.length)).toEqual([24, 24, 24]);
    const trainCls = new Set(metaTrainPool(split).map((c) => c.cls));
    expect(trainCls.size).toBe(18);
    const testCls = split.metaTest.map((c) => c.cls);
    const reserved = [...split.reserved.target, ...split.reserved.backdoor].map((c) => c.cls);
    expect(testCls).toHaveLength(9);
    expect(reserved).toHaveLength(3);
    for (const c of [...testCls, ...reserved]) expect(trainCls.has(c)).toBe(false);
    expect(new Set([...testCls, ...reserved]).size).toBe(12);
    // users do not share characters
    const owners = new Map<number, number>();
    split.users.forEach((u, i) => u.forEach((c) => { expect(owners.get(c.cls) ?? i).toBe(i); owners.set(c.cls, i); }));
    // each character appears under all 4 rotations
    expect(new Set(split.users[0].map((c) => `${c.cls}:${c.rotation}`)).size).toBe(24);
    expect(new Set(split.users[0].map((c) => c.rotation))).toEqual(new Set([0, 1, 2, 3]));
  });
  it('holds out validation examples of meta-training classes and keeps meta-test classes whole', () => {
    for (const c of metaTrainPool(split)) {
      expect(c.train).toHaveLength(4);
      expect(c.val).toHaveLength(2);
      expect(c.train.some((i) => c.val.includes(i))).toBe(false);
    }
    for (const c of split.metaTest) expect(c.train).toHaveLength(6);
  });
  it('is deterministic in the seed', () => {
    const again = splitClasses(ds, { seed: 1, users: 3, metaTrainClasses: 18, metaTestClasses: 9, rotations: 4, validationPerClass: 2, reserve: { target: 1, backdoor: 2 } });
    expect(again).toEqual(split);
  });
  it('says which field is too large', () => {
    expect(() => splitClasses(ds, { seed: 1, users: 3, metaTrainClasses: 25, metaTestClasses: 9, rotations: 1, validationPerClass: 1 })).toThrow(/metaTrainClasses.*34.*30/);
  });
});

describe('a pool of reserved classes (dataset.reservedPool)', () => {
  const base = { seed: 1, users: 3, metaTrainClasses: 18, rotations: 4, validationPerClass: 2 } as const;
  // 30 classes: 18 meta-training, 3 × (1 + 2) candidates, 3 meta-testing (9 with a pool of 1).
  const pooled = splitClasses(ds, { ...base, metaTestClasses: 3, reserve: { target: 1, backdoor: 2, pool: 3 } });

  it('takes the further candidates out of the meta-testing share, leaving meta-training exactly as with a pool of 1', () => {
    expect(pooled.users).toEqual(split.users); // same classes, same validation examples: a checkpoint stays valid
    expect(pooled.reserved).toEqual(split.reserved);
    const c = pooled.candidates!;
    expect(c.target).toHaveLength(3);
    expect(c.backdoor).toHaveLength(6);
    expect(c.target[0]).toEqual(split.reserved.target[0]);
    const all = [...c.target, ...c.backdoor, ...pooled.metaTest].map((r) => r.cls);
    expect(new Set(all).size).toBe(12);
    expect(new Set(all)).toEqual(new Set([...split.reserved.target, ...split.reserved.backdoor, ...split.metaTest].map((r) => r.cls)));
    for (const r of [...c.target, ...c.backdoor]) expect(r.train).toHaveLength(6); // whole and unrotated, like the pool of 1's
    expect(() => splitClasses(ds, { ...base, metaTestClasses: 4, reserve: { target: 1, backdoor: 2, pool: 3 } })).toThrow(/\+ 9 reserved\) = 31/);
  });

  it('lets each seed draw its own target and backdoor classes from the candidates, the same ones every time', () => {
    const drawn = [1, 2, 3, 4, 5, 6].map((seed) => drawReserved(pooled, seed));
    for (const d of drawn) {
      expect(d.reserved.target).toHaveLength(1);
      expect(d.reserved.backdoor).toHaveLength(2);
      expect(new Set(d.reserved.backdoor.map((r) => r.cls)).size).toBe(2);
      for (const r of d.reserved.target) expect(pooled.candidates!.target).toContain(r);
      for (const r of d.reserved.backdoor) expect(pooled.candidates!.backdoor).toContain(r);
      expect(d.users).toBe(pooled.users);
    }
    expect(new Set(drawn.map((d) => d.reserved.target[0].cls)).size).toBeGreaterThan(1);
    expect(drawReserved(pooled, 4)).toEqual(drawn[3]);
    expect(drawReserved(split, 4)).toBe(split); // a pool of 1: the split's own
  });
});

describe('episodes', () => {
  it('has K examples per class with a random label permutation, queries disjoint from support', () => {
    const rng = createRng(5);
    const ep = sampleEpisode(ds, split.metaTest, { ways: 5, shots: 3, queries: 1, querySource: 'train' }, rng);
    expect(ep.support.n).toBe(15);
    expect(ep.query.n).toBe(5);
    const perLabel = new Array(5).fill(0);
    ep.support.y.forEach((l) => perLabel[l]++);
    expect(perLabel).toEqual([3, 3, 3, 3, 3]);
    // the image value encodes its index: the support image of a label belongs to that label's class
    const px = ds.width * ds.width;
    const idxOf = (x: Float32Array, k: number) => Math.round(x[k * px] * 255);
    for (let k = 0; k < ep.support.n; k++) {
      const c = ds.classes[ep.classes[ep.support.y[k]].cls];
      expect(idxOf(ep.support.x, k)).toBeGreaterThanOrEqual(c.start);
      expect(idxOf(ep.support.x, k)).toBeLessThan(c.start + c.count);
    }
    const supportIdx = new Set(Array.from({ length: 15 }, (_, k) => idxOf(ep.support.x, k)));
    for (let k = 0; k < 5; k++) expect(supportIdx.has(idxOf(ep.query.x, k))).toBe(false);
    // labels are a permutation: over many episodes, class order varies
    const firsts = new Set(Array.from({ length: 20 }, () => sampleEpisode(ds, split.metaTest, { ways: 5, shots: 1, queries: 0, querySource: 'train' }, rng).classes[0].cls));
    expect(firsts.size).toBeGreaterThan(3);
  });
  it('takes main-task queries from validation examples', () => {
    const ep = sampleEpisode(ds, split.users[0], { ways: 4, shots: 2, queries: 1, querySource: 'val' }, createRng(2));
    const px = ds.width * ds.width;
    for (let k = 0; k < ep.query.n; k++) {
      const c = ep.classes[ep.query.y[k]];
      expect(c.val).toContain(Math.round(ep.query.x[k * px] * 255)); // pixel 0 holds the image index
    }
  });
  it('rejects more ways than classes', () => {
    expect(() => sampleEpisode(ds, split.metaTest.slice(0, 3), { ways: 5, shots: 1, queries: 0, querySource: 'train' }, createRng(1))).toThrow(/task.ways \(5\).*3 classes/);
  });
  it('rotates images by multiples of 90° counter-clockwise', () => {
    // 2×2 image [[1, 2], [3, 4]] (values /255)
    const img = { name: 'r', width: 2, height: 2, images: Uint8Array.from([1, 2, 3, 4]), classes: [] };
    const out = new Float32Array(4);
    const rot = (r: number) => { writeImage(img, 0, r, out, 0); return [...out].map((v) => Math.round(v * 255)); };
    expect(rot(0)).toEqual([1, 2, 3, 4]);
    expect(rot(1)).toEqual([2, 4, 1, 3]);
    expect(rot(2)).toEqual([4, 3, 2, 1]);
    expect(rot(3)).toEqual([3, 1, 4, 2]);
  });
});

describe('class roles from the dataset\'s own split (classRoles: origin, mini-ImageNet\'s Ravi & Larochelle files)', () => {
  // 12 classes: 0–5 train, 6–8 val, 9–11 test.
  const origins = ['train', 'train', 'train', 'train', 'train', 'train', 'val', 'val', 'val', 'test', 'test', 'test'];
  const base = tinyDataset(12, 6);
  const ravi = { ...base, classes: base.classes.map((c, i) => ({ ...c, origin: origins[i] })) };
  const opts = { seed: 2, users: 2, metaTrainClasses: 6, metaTestClasses: 3, rotations: 1, validationPerClass: 1, reserve: { target: 1, backdoor: 1 }, roles: 'origin' as const };

  it('meta-trains on train classes, meta-tests on test classes and reserves from val classes', () => {
    const s = splitClasses(ravi, opts);
    expect(metaTrainPool(s).map((r) => r.cls).sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(s.metaTest.map((r) => r.cls).sort((a, b) => a - b)).toEqual([9, 10, 11]);
    const reserved = [...s.reserved.target, ...s.reserved.backdoor].map((r) => r.cls);
    expect(new Set(reserved).size).toBe(2);
    for (const c of reserved) expect([6, 7, 8]).toContain(c);
  });

  it('names the origin that runs short, and leaves the seeded split as it was', () => {
    expect(() => splitClasses(ravi, { ...opts, metaTestClasses: 4 })).toThrow(/3 classes of origin 'test' for the meta-testing classes, 4 asked/);
    const seeded = { seed: 1, users: 3, metaTrainClasses: 18, metaTestClasses: 9, rotations: 4, validationPerClass: 2, reserve: { target: 1, backdoor: 2 } };
    expect(splitClasses(ds, { ...seeded, roles: 'seeded' })).toEqual(split);
  });
});
