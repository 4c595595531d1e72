/**
 * `npm run datasets` — builds public/datasets/{omniglot,mnist,fashion-mnist}/ (index.json +
 * images.u8, format "backdoor-lab-dataset/1", see docs/datasets.md and src/engine/data/format.ts)
 * from local copies of the source files or, failing that, from verified downloads; with
 * `--mini-imagenet PATH`, mini-ImageNet from the user's own ImageNet copy instead.
 * Run with --help for the options.
 */
import { existsSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ImageDataset } from '../src/engine/data/types.ts';
import { HELP, type Options, parseOptions } from './datasets/args.ts';
import { downloadDataset, downloadsDisabled } from './datasets/download.ts';
import { buildMiniImagenetCommand } from './datasets/miniImagenetCli.ts';
import { type DatasetName, LICENSES } from './datasets/manifest.ts';
import { buildIdxDataset, FASHION_MNIST_LABELS, type IdxSplitInput, MNIST_LABELS } from './datasets/mnist.ts';
import { buildOmniglot, type OmniglotSplit } from './datasets/omniglot.ts';
import { findSourceFiles, type FoundFile, readVerified, type SourceRoot } from './datasets/sources.ts';
import { checkExistingDataset, writeDataset } from './datasets/writeDataset.ts';

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const log = (msg: string): void => console.log(msg);
const secs = (t0: number): string => `${((performance.now() - t0) / 1000).toFixed(1)} s`;
const show = (p: string): string => (relative(process.cwd(), p).startsWith('..') ? p : relative(process.cwd(), p) || '.');

const sharedDir = (): string => process.env.BACKDOOR_LAB_SHARED_DIR ?? join(projectRoot, '..', 'shared', 'datasets');

function sourceRoots(opts: Options): SourceRoot[] {
  const roots: SourceRoot[] = [];
  if (opts.source) roots.push({ label: '--source', dir: opts.source });
  const shared = sharedDir();
  if (shared && shared !== 'none') roots.push({ label: 'shared', dir: resolve(shared) });
  roots.push({ label: 'cache', dir: opts.cache });
  return roots;
}

/** Builds one dataset from the files found under one root; throws on bad files. */
function buildFrom(dataset: DatasetName, root: SourceRoot, files: FoundFile[], opts: Options): { ds: ImageDataset; source: string } {
  const read = files.map((f) => {
    const { bytes, check } = readVerified(dataset, root.dir, f, opts.verify);
    log(`  ${show(f.path)} (${(bytes.length / 1e6).toFixed(1)} MB, ${check})`);
    return { ...f, bytes };
  });
  const from = `from ${root.label === 'cache' ? 'canonical downloads' : root.label === 'shared' ? 'shared/datasets' : 'a --source folder'}`;
  if (dataset === 'omniglot') {
    const { dataset: ds, warnings } = buildOmniglot(read.map((f) => ({ split: f.role as OmniglotSplit, kind: f.kind as 'npz' | 'zip', bytes: f.bytes, file: f.name })));
    for (const w of warnings.slice(0, 5)) log(`  warning: ${w}`);
    if (warnings.length > 5) log(`  warning: … ${warnings.length - 5} more`);
    const kinds = read.map((f) => `${f.name} (${f.kind === 'npz' ? 'bool arrays' : 'PNGs'})`).join(' + ');
    return {
      ds,
      source: `Omniglot (Lake et al. 2015, github.com/brendenlake/omniglot), ${kinds} ${from}; ` +
        '105×105 → 28×28 by exact area averaging (box filter over each output pixel\'s 3.75×3.75 source footprint), ' +
        'inverted so that ink = 255, background = 0. Class c = character ID c+1 (background 1–964, evaluation 965–1623), 20 drawers each.',
    };
  }
  const get = (role: string) => read.find((f) => f.role === role)!.bytes;
  const splits: IdxSplitInput[] = [
    { split: 'train', images: get('trainImages'), labels: get('trainLabels') },
    { split: 'test', images: get('testImages'), labels: get('testLabels') },
  ];
  const labels = dataset === 'mnist' ? MNIST_LABELS : FASHION_MNIST_LABELS;
  const title = dataset === 'mnist' ? 'MNIST (LeCun, Cortes & Burges)' : 'Fashion-MNIST (Xiao, Rasul & Vollgraf 2017)';
  return {
    ds: buildIdxDataset(dataset, splits, labels),
    source: `${title}, the 4 canonical idx .gz files ${from}; 28×28 pixels unchanged (0 = background, 255 = ink/object). ` +
      'Classes are (split, label) blocks: train 0–9 then test 0–9, original order inside each block.',
  };
}

async function buildDataset(dataset: DatasetName, opts: Options): Promise<boolean> {
  const t0 = performance.now();
  const outDir = join(opts.out, dataset);
  if (opts.ifMissing) {
    const existing = checkExistingDataset(outDir);
    if (existing.ok) {
      log(`✓ ${dataset}: up to date in ${show(outDir)} (${existing.index.count} images, sha256 ok), skipped`);
      return true;
    }
    log(`• ${dataset}: ${existing.reason}, building`);
  } else {
    log(`• ${dataset}`);
  }
  const tried: string[] = [];
  const attempt = (root: SourceRoot): boolean => {
    const files = findSourceFiles(dataset, root.dir);
    if (typeof files === 'string') { tried.push(`${root.label} ${show(root.dir)}: ${files}`); return false; }
    log(`  source: ${root.label} ${show(root.dir)}`);
    try {
      const t1 = performance.now();
      const { ds, source } = buildFrom(dataset, root, files, opts);
      const buildTime = secs(t1);
      const index = writeDataset(outDir, ds, { source, license: LICENSES[dataset] });
      log(`✓ ${dataset}: ${index.classes.length} classes, ${index.count} images ${index.width}×${index.height} ` +
        `(${(ds.images.length / 1e6).toFixed(1)} MB) → ${show(outDir)}; decode ${buildTime}, total ${secs(t0)}`);
      return true;
    } catch (e) {
      log(`  ✗ ${(e as Error).message}`);
      tried.push(`${root.label} ${show(root.dir)}: ${(e as Error).message}`);
      return false;
    }
  };
  for (const root of sourceRoots(opts)) if (attempt(root)) return true;

  if (!opts.download || downloadsDisabled()) {
    tried.push(`download: disabled (${opts.download ? 'BACKDOOR_LAB_OFFLINE is set' : '--no-download'})`);
  } else {
    try {
      log('  no local copy found; downloading the canonical files');
      await downloadDataset(dataset, opts.cache, log);
      if (attempt({ label: 'cache', dir: opts.cache })) return true;
    } catch (e) {
      tried.push(`download: ${(e as Error).message}`);
    }
  }
  console.error(`✗ ${dataset}: no usable source. Tried:\n    ${tried.join('\n    ')}`);
  return false;
}

const NO_SOURCE_HELP = (opts: Options) => `
To fix this, either:
  • copy the source files into a folder laid out like shared/datasets and pass it:
        npm run datasets -- --source DIR
    DIR/omniglot/  images_background.npz + images_evaluation.npz, or the canonical
                   images_background.zip + images_evaluation.zip (from github.com/brendenlake/omniglot, python/)
    DIR/mnist/     train-images-idx3-ubyte.gz train-labels-idx1-ubyte.gz t10k-images-idx3-ubyte.gz t10k-labels-idx1-ubyte.gz
    DIR/fashion-mnist/  the same four file names (Fashion-MNIST)
  • or put that folder at ${show(join(projectRoot, '..', 'shared', 'datasets'))} (found automatically),
  • or connect to the internet and run \`npm run datasets\` again: the canonical files are downloaded,
    checked against their MD5 and cached in ${show(opts.cache)}.
Without dataset files the app still runs on its built-in synthetic glyph dataset.`;

async function main(): Promise<number> {
  let opts: Options;
  try {
    opts = parseOptions(process.argv.slice(2), projectRoot);
  } catch (e) {
    console.error(`${(e as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (opts.help) { log(HELP); return 0; }
  if (opts.source && !existsSync(opts.source)) {
    console.error(`--source ${opts.source}: no such folder.${NO_SOURCE_HELP(opts)}`);
    return 1;
  }
  if (opts.miniImagenet) return (await buildMiniImagenetCommand(opts.miniImagenet, opts, sharedDir(), log)) ? 0 : 1;
  const t0 = performance.now();
  const failed: DatasetName[] = [];
  for (const dataset of opts.only) if (!(await buildDataset(dataset, opts))) failed.push(dataset);
  if (failed.length > 0) {
    console.error(`\nCould not build: ${failed.join(', ')}.${NO_SOURCE_HELP(opts)}`);
    return 1;
  }
  log(`Done in ${secs(t0)}: ${opts.only.join(', ')} in ${show(opts.out)}`);
  return 0;
}

process.exitCode = await main();
