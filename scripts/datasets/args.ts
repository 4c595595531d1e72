/** Command-line options of scripts/build-datasets.ts. */
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DATASET_NAMES, type DatasetName } from './manifest.ts';

export interface Options {
  source?: string;
  /** ILSVRC-2012 training tar or folder: build mini-ImageNet from it (and nothing else). */
  miniImagenet?: string;
  /** Folder of Ravi & Larochelle's train.csv, val.csv, test.csv. */
  miniImagenetSplits?: string;
  only: DatasetName[];
  ifMissing: boolean;
  out: string;
  cache: string;
  verify: boolean;
  download: boolean;
  help: boolean;
}

export const HELP = `Build the datasets the app loads (public/datasets/<name>/index.json + images.u8).

Usage: npm run datasets -- [options]

  --source DIR    use source files from DIR first. DIR is laid out like shared/datasets:
                    DIR/omniglot/images_background.npz + images_evaluation.npz, or the canonical
                      images_background.zip + images_evaluation.zip (also directly in DIR)
                    DIR/mnist/{train,t10k}-{images-idx3,labels-idx1}-ubyte.gz
                    DIR/fashion-mnist/ (same four file names)
  --only LIST     comma-separated subset of: ${DATASET_NAMES.join(', ')}
  --mini-imagenet PATH
                  build public/datasets/mini-imagenet (100 classes × 600 images, 84×84 RGB) from
                    your own ILSVRC-2012 training images: ILSVRC2012_img_train.tar as downloaded,
                    a tar of nXXXXXXXX/nXXXXXXXX_N.JPEG, or the folder they unpack to. Builds only
                    mini-ImageNet. Decoding 60,000 JPEGs takes a while: progress and ETA every 5 s
  --mini-imagenet-splits DIR
                  folder of Ravi & Larochelle's train.csv, val.csv, test.csv (default:
                    <shared/datasets>/mini-imagenet/splits/ravi); their SHA-256 is checked
  --if-missing    skip datasets whose index.json exists and matches images.u8 (sha256)
  --out DIR       output folder (default: public/datasets)
  --cache DIR     download cache (default: $BACKDOOR_LAB_CACHE or ~/.cache/backdoor-lab/datasets)
  --no-download   never download (same as BACKDOOR_LAB_OFFLINE=1)
  --no-verify     skip checksum verification of source files
  --help          show this help

Sources are tried in this order: --source DIR, ../shared/datasets next to the project
(override with BACKDOOR_LAB_SHARED_DIR, "none" to disable), the download cache, and finally
a download of the canonical files (MD5-verified). BACKDOOR_LAB_DATASET_MIRROR=URL downloads
URL/<dataset>/<file> instead.`;

export function parseOptions(argv: string[], projectRoot: string): Options {
  const { values } = parseArgs({
    args: argv,
    options: {
      source: { type: 'string' },
      only: { type: 'string' },
      'mini-imagenet': { type: 'string' },
      'mini-imagenet-splits': { type: 'string' },
      'if-missing': { type: 'boolean', default: false },
      out: { type: 'string' },
      cache: { type: 'string' },
      'no-download': { type: 'boolean', default: false },
      'no-verify': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
    allowPositionals: false,
  });
  const only = values.only
    ? values.only.split(',').map((s) => s.trim()).filter(Boolean)
    : [...DATASET_NAMES];
  for (const name of only) {
    if (!DATASET_NAMES.includes(name as DatasetName)) {
      throw new Error(`--only: unknown dataset "${name}" (known: ${DATASET_NAMES.join(', ')})`);
    }
  }
  const cache = values.cache ?? process.env.BACKDOOR_LAB_CACHE ??
    join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'backdoor-lab', 'datasets');
  return {
    source: values.source !== undefined ? resolve(values.source) : undefined,
    miniImagenet: values['mini-imagenet'] !== undefined ? resolve(values['mini-imagenet']) : undefined,
    miniImagenetSplits: values['mini-imagenet-splits'] !== undefined ? resolve(values['mini-imagenet-splits']) : undefined,
    only: only as DatasetName[],
    ifMissing: values['if-missing'] ?? false,
    out: values.out !== undefined ? resolve(values.out) : join(projectRoot, 'public', 'datasets'),
    cache: resolve(cache),
    verify: !values['no-verify'],
    download: !values['no-download'],
    help: values.help ?? false,
  };
}
