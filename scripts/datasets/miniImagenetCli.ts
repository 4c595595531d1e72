/** `npm run datasets -- --mini-imagenet PATH`: the build with its messages, progress and ETA. */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { formatDuration } from '../../src/cli/format.ts';
import type { Options } from './args.ts';
import { buildMiniImagenet, MINI_IMAGENET_LICENSE, MINI_SIDE, type MiniProgress } from './miniImagenet.ts';
import { RAVI_CSV_SHA256, readSplits } from './miniImagenetSplits.ts';
import { checkExistingDataset, writeDataset } from './writeDataset.ts';

const PROGRESS_EVERY_MS = 5000;

/** The folder of the Ravi & Larochelle CSVs: --mini-imagenet-splits, else <source or shared>/mini-imagenet/splits/ravi. */
export function splitsDir(opts: Options, shared: string): string | undefined {
  if (opts.miniImagenetSplits) return opts.miniImagenetSplits;
  return [opts.source, shared].filter((d): d is string => !!d && d !== 'none')
    .map((d) => join(d, 'mini-imagenet', 'splits', 'ravi')).find((d) => existsSync(join(d, 'train.csv')));
}

/** One progress line: images, classes, rate and the time left at that rate. */
export function progressLine(p: MiniProgress, elapsedMs: number): string {
  const rate = p.done / Math.max(elapsedMs / 1000, 1e-3);
  const left = rate > 0 ? ((p.total - p.done) / rate) * 1000 : NaN;
  return `  ${p.done.toLocaleString('en')} / ${p.total.toLocaleString('en')} images (${((100 * p.done) / p.total).toFixed(1)}%), ` +
    `${p.classesDone} / ${p.classes} classes, ${rate.toFixed(0)} images/s, ETA ${Number.isFinite(left) ? formatDuration(left) : '?'}`;
}

export async function buildMiniImagenetCommand(source: string, opts: Options, shared: string, log: (s: string) => void): Promise<boolean> {
  const outDir = join(opts.out, 'mini-imagenet');
  if (opts.ifMissing) {
    const existing = checkExistingDataset(outDir);
    if (existing.ok) { log(`✓ mini-imagenet: up to date in ${outDir} (${existing.index.count} images, sha256 ok), skipped`); return true; }
  }
  const dir = splitsDir(opts, shared);
  if (!dir) {
    console.error('✗ mini-imagenet: the Ravi & Larochelle split files (train.csv, val.csv, test.csv) were not found in ' +
      'shared/datasets/mini-imagenet/splits/ravi; pass their folder with --mini-imagenet-splits DIR.');
    return false;
  }
  const t0 = performance.now();
  try {
    const { classes, checks } = readSplits(dir, opts.verify ? RAVI_CSV_SHA256 : null);
    const total = classes.reduce((n, c) => n + c.picks.length, 0);
    log(`• mini-imagenet: ${classes.length} classes, ${total.toLocaleString('en')} images from ${source}; splits ${dir} (${checks.join(', ')})`);
    log(`  decoding and resizing to ${MINI_SIDE}×${MINI_SIDE} (Lanczos, as Pillow); progress every ${PROGRESS_EVERY_MS / 1000} s`);
    let last = t0;
    const ds = await buildMiniImagenet({
      source, classes,
      onProgress: (p) => {
        const now = performance.now();
        if (now - last >= PROGRESS_EVERY_MS || p.done === p.total) { last = now; log(progressLine(p, now - t0)); }
      },
    });
    const index = writeDataset(outDir, ds, {
      source: `mini-ImageNet (Vinyals et al. 2016; split of Ravi & Larochelle 2017: ${checks.join(', ')}) built from ${source}: ` +
        `for each CSV row nXXXXXXXXNNNNNNNN.jpg the NNNNNNNN-th of the class's ILSVRC-2012 training images sorted by number (1-based), ` +
        `decoded by jpeg-js (PNG by pngjs), resized to ${MINI_SIDE}×${MINI_SIDE} RGB, aspect ratio not kept, by Lanczos-3 with antialiasing as Pillow's Image.LANCZOS. ` +
        'Classes: train.csv 64, val.csv 16, test.csv 20 (origin), each in CSV order.',
      license: MINI_IMAGENET_LICENSE,
    });
    log(`✓ mini-imagenet: ${index.classes.length} classes, ${index.count} images ${index.width}×${index.height}×3 ` +
      `(${(ds.images.length / 1e6).toFixed(1)} MB) → ${outDir} in ${formatDuration(performance.now() - t0)}`);
    return true;
  } catch (e) {
    console.error(`✗ mini-imagenet: ${(e as Error).message}`);
    return false;
  }
}
