import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { splitClasses } from '../tasks/classSplit';
import { sampleEpisode } from '../tasks/episodes';
import { tinyDataset } from '../testing/tinyDataset';
import { subsetForUser } from './subset';

describe('subsetForUser', () => {
  const ds = tinyDataset(12, 6);
  const split = splitClasses(ds, { seed: 3, users: 3, metaTrainClasses: 9, metaTestClasses: 3, rotations: 2, validationPerClass: 2 });

  it('keeps only the user\'s images, once each, with rotated copies sharing them', () => {
    const { ds: sub, refs } = subsetForUser(ds, split.users[1]);
    expect(sub.classes).toHaveLength(3); // 3 base classes, 2 rotations each
    expect(sub.images.length).toBe(3 * 6 * 16);
    expect(refs).toHaveLength(split.users[1].length);
    expect(refs.map((r) => r.rotation)).toEqual(split.users[1].map((r) => r.rotation));
    sub.classes.forEach((c, i) => expect(c.id).toBe(i));
  });

  it('maps every image index to identical pixels', () => {
    const { ds: sub, refs } = subsetForUser(ds, split.users[0]);
    const px = 16;
    refs.forEach((r, k) => {
      const orig = split.users[0][k];
      [...orig.train, ...orig.val].forEach((i, j) => {
        const mapped = [...r.train, ...r.val][j];
        expect([...sub.images.subarray(mapped * px, (mapped + 1) * px)]).toEqual([...ds.images.subarray(i * px, (i + 1) * px)]);
      });
    });
  });

  it('samples the same episodes as the full dataset', () => {
    const { ds: sub, refs } = subsetForUser(ds, split.users[2]);
    const o = { ways: 3, shots: 2, queries: 1, querySource: 'train' as const };
    const a = sampleEpisode(ds, split.users[2], o, createRng(9));
    const b = sampleEpisode(sub, refs, o, createRng(9));
    expect([...b.support.x]).toEqual([...a.support.x]);
    expect([...b.query.y]).toEqual([...a.query.y]);
  });
});
