/**
 * mini-ImageNet end to end on a generated stand-in (the real images may not be redistributed):
 * a tar of JPEGs in ILSVRC's layout and Ravi-style CSVs → the builder → the public/datasets
 * format → a short federated run of the 3-channel Conv4 on the 84×84 result.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runJob } from '../../src/cli/runJob.ts';
import { parseConfig } from '../../src/engine/config/parse.ts';
import type { ImageDataset } from '../../src/engine/data/types.ts';
import type { ExperimentEvent } from '../../src/engine/experiment/runExperiment.ts';
import { loadDatasetFromDir } from '../../src/node/loadDataset.ts';
import { hashBytes } from './checksum.ts';
import { decodeRgb } from './decodeImage.ts';
import { readImagenetClasses, type ClassFiles } from './imagenetSource.ts';
import { buildMiniImagenet } from './miniImagenet.ts';
import { RAVI_CSV_SHA256, readSplits, type MiniSplit } from './miniImagenetSplits.ts';
import { resizeLanczos } from './resize.ts';
import { standInWnid, writeMiniImagenetStandIn, type StandIn } from './testing/miniImagenetStandIn.ts';
import { writeDataset } from './writeDataset.ts';

const CLASSES = { train: 6, val: 3, test: 3 };
const RAVI = join(import.meta.dirname, '..', '..', '..', 'shared', 'datasets', 'mini-imagenet', 'splits', 'ravi');
const root = mkdtempSync(join(tmpdir(), 'bdl-mini-'));
let flat: StandIn;
let built: ImageDataset;
afterAll(() => rmSync(root, { recursive: true, force: true }));
beforeAll(async () => {
  flat = await writeMiniImagenetStandIn(join(root, 'flat'), { classes: CLASSES, perClass: 8 });
  built = await buildMiniImagenet({ source: flat.tar, classes: readSplits(flat.splits, null).classes });
}, 60_000);

const sums = (dir: string) => Object.fromEntries((['train', 'val', 'test'] as MiniSplit[]).map((s) => [s, hashBytes(readFileSync(join(dir, `${s}.csv`)))])) as Record<MiniSplit, string>;
const image = (ds: ImageDataset, i: number) => ds.images.subarray(i * 84 * 84 * 3, (i + 1) * 84 * 84 * 3);

describe('mini-ImageNet builder on the stand-in', () => {
  it('builds 84×84 RGB classes in split order, each image the CSV\'s pick resized by Lanczos', async () => {
    expect(built).toMatchObject({ name: 'mini-imagenet', width: 84, height: 84, channels: 3 });
    expect(built.images.length).toBe(12 * 8 * 84 * 84 * 3);
    expect(built.classes.map((c) => c.origin)).toEqual([...Array(6).fill('train'), ...Array(3).fill('val'), ...Array(3).fill('test')]);
    expect(built.classes[7]).toEqual({ id: 7, name: standInWnid(7), origin: 'val', sourceLabel: 7, start: 56, count: 8 });
    // Row 3 of class 7 ("…00000006.jpg") is the 6th of its images in numeric order: _78 (3 + 3·5²), not the 6th in the tar.
    expect(flat.files.get(standInWnid(7))![2]).toBe(78);
    let files: ClassFiles = new Map();
    await readImagenetClasses(flat.tar, new Set([standInWnid(7)]), (_, f) => { files = f; });
    const src = decodeRgb(files.get(78)!, '_78');
    expect([src.width, src.height]).toEqual([40, 30]);
    expect(image(built, 56 + 2)).toEqual(resizeLanczos(src.data, 40, 30, 3, 84, 84));
  });

  it('reads the original nested layout (one inner tar per class) and an unpacked train/ folder to the same bytes', async () => {
    const nested = await writeMiniImagenetStandIn(join(root, 'nested'), { classes: CLASSES, perClass: 8, nested: true });
    const classes = readSplits(nested.splits, null).classes;
    expect((await buildMiniImagenet({ source: nested.tar, classes })).images).toEqual(built.images);
    const folder = join(root, 'unpacked');
    await readImagenetClasses(flat.tar, new Set(flat.wnids), (wnid, files) => {
      mkdirSync(join(folder, 'train', wnid), { recursive: true });
      for (const [n, bytes] of files) writeFileSync(join(folder, 'train', wnid, `${wnid}_${n}.JPEG`), bytes);
    });
    expect((await buildMiniImagenet({ source: folder, classes })).images).toEqual(built.images);
  }, 60_000);

  it('verifies the CSVs\' checksums and names a tampered file', () => {
    expect(readSplits(flat.splits, sums(flat.splits)).checks).toEqual(['train.csv sha256 ok', 'val.csv sha256 ok', 'test.csv sha256 ok']);
    const bad = { ...sums(flat.splits), val: '0'.repeat(64) };
    expect(() => readSplits(flat.splits, bad)).toThrow(/val\.csv: sha256 is [0-9a-f]{64}, expected 0{64} \(Ravi & Larochelle's val\.csv\)/);
  });

  it.skipIf(!existsSync(RAVI))('the shipped Ravi & Larochelle CSVs match the recorded SHA-256: 64 + 16 + 20 classes × 600 images', () => {
    const { classes } = readSplits(RAVI, RAVI_CSV_SHA256);
    expect(['train', 'val', 'test'].map((s) => classes.filter((c) => c.split === s).length)).toEqual([64, 16, 20]);
    expect(classes.every((c) => c.picks.length === 600)).toBe(true);
    expect(classes[0].wnid).toBe('n01532829');
    expect(classes[0].picks.slice(0, 2)).toEqual([5, 6]);
  });

  it('says which image is missing when the source holds fewer than the split asks for', async () => {
    const dir = join(root, 'short');
    mkdirSync(dir);
    for (const s of ['train', 'val', 'test']) writeFileSync(join(dir, `${s}.csv`), readFileSync(join(flat.splits, `${s}.csv`)));
    writeFileSync(join(dir, 'test.csv'), `filename,label\n${standInWnid(11)}00000099.jpg,${standInWnid(11)}\n`);
    await expect(buildMiniImagenet({ source: flat.tar, classes: readSplits(dir, null).classes }))
      .rejects.toThrow(`${standInWnid(11)}: the split wants its image number 99 (${standInWnid(11)}00000099.jpg) in numeric order of N, but ${flat.tar} holds only 17 images`);
    writeFileSync(join(dir, 'test.csv'), 'filename,label\nn1234567800000001.jpg,n12345678\n');
    await expect(buildMiniImagenet({ source: flat.tar, classes: readSplits(dir, null).classes })).rejects.toThrow(/has no images of 1 of the 10 mini-ImageNet classes: n12345678\./);
  });

  it('writes the one-request format, and the 3-channel Conv4 trains on it', async () => {
    const out = join(root, 'datasets');
    const index = writeDataset(join(out, 'mini-imagenet'), built, { source: 'stand-in' });
    expect(index).toMatchObject({ width: 84, height: 84, channels: 3, count: 96 });
    expect(loadDatasetFromDir(join(out, 'mini-imagenet'), { verify: true }).images).toEqual(built.images);
    process.env.BACKDOOR_LAB_DATASETS = out;
    const config = parseConfig({
      rounds: 1, dataset: { name: 'mini-imagenet', metaTrainClasses: 5, metaTestClasses: 2, rotations: 1, validationPerClass: 2 },
      model: { imageSize: 84, filters: 8 }, task: { ways: 2, trainShots: 2, testShots: 2 },
      federation: { users: 1, perRound: 1, minUpdates: 1 }, reptile: { episodesPerRound: 2, innerSteps: 2, metaBatch: 1 },
      eval: { episodes: 2, steps: 2 },
    });
    const points: Record<string, unknown>[] = [];
    await runJob(config, 'wasm', (e: ExperimentEvent) => { if (e.type === 'point') points.push(e.point as unknown as Record<string, unknown>); });
    delete process.env.BACKDOOR_LAB_DATASETS;
    expect(points.map((p) => p.round)).toEqual([0, 1]);
    for (const p of points) expect(p.metaTestAccuracy).toBeGreaterThanOrEqual(0);
  }, 120_000);
});
