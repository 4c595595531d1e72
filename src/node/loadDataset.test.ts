import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeDataset } from '../../scripts/datasets/writeDataset';
import { syntheticGlyphs } from '../engine/data/synthetic';
import { findDatasetDir, loadDataset, loadDatasetFromDir } from './loadDataset';

describe('Node dataset loading', () => {
  it('round-trips a dataset written by the builder', () => {
    const root = mkdtempSync(join(tmpdir(), 'bdl-load-'));
    const ds = syntheticGlyphs({ seed: 5, classes: 6, perClass: 3 });
    writeDataset(join(root, 'synthetic'), ds, { source: 'test' });
    const back = loadDataset('synthetic', { root, verify: true });
    expect(back.classes).toEqual(ds.classes);
    expect(Buffer.from(back.images).equals(Buffer.from(ds.images))).toBe(true);

    writeFileSync(join(root, 'synthetic', 'images.u8'), new Uint8Array(ds.images.length));
    expect(() => loadDatasetFromDir(join(root, 'synthetic'), { verify: true })).toThrow(/does not match index\.json/);
  });

  it('tells the user to run `npm run datasets` when a dataset is missing', () => {
    const root = mkdtempSync(join(tmpdir(), 'bdl-none-'));
    expect(() => findDatasetDir('omniglot', root)).toThrow(/Dataset "omniglot" not found.*Run `npm run datasets`/);
  });
});
