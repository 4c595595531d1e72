/**
 * Known source files: canonical download URLs and checksums (from shared/datasets/README.md,
 * torchvision and the upstream READMEs). A file found under one of these names is verified
 * against them (unless a SHA256SUMS next to it lists it, which then takes precedence).
 */
export type DatasetName = 'omniglot' | 'mnist' | 'fashion-mnist';
export const DATASET_NAMES: readonly DatasetName[] = ['omniglot', 'mnist', 'fashion-mnist'];

export interface KnownFile {
  /** File name inside the dataset folder. */
  name: string;
  md5?: string;
  sha256?: string;
  /** Download URLs, tried in order (only canonical files have them). */
  urls?: string[];
}

const MNIST_BASE = 'https://ossci-datasets.s3.amazonaws.com/mnist/';
const FASHION_BASES = [
  'http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/',
  'https://github.com/zalandoresearch/fashion-mnist/raw/master/data/fashion/',
];
const OMNIGLOT_BASE = 'https://raw.githubusercontent.com/brendenlake/omniglot/master/python/';

export const KNOWN_FILES: Record<DatasetName, KnownFile[]> = {
  omniglot: [
    { name: 'images_background.zip', md5: '68d2efa1b9178cc56df9314c21c6e718', urls: [OMNIGLOT_BASE + 'images_background.zip'] },
    { name: 'images_evaluation.zip', md5: '6b91aef0f799c5bb55b94e3f2daec811', urls: [OMNIGLOT_BASE + 'images_evaluation.zip'] },
    { name: 'images_background.npz', sha256: '8bf84167413cd00beacdce3fe582f780ab538d8dbef043a6d688f2527bbce199' },
    { name: 'images_evaluation.npz', sha256: '0b84c7ffd94c4841c0040e529c86a82eaaccb986d8eadad5673f7991b7475276' },
    { name: 'images_background_rebuilt.zip', sha256: '1313423eb2fe2efdf726fb93dd66e3909327c0e7a3192a75617b99333eb6cc60' },
    { name: 'images_evaluation_rebuilt.zip', sha256: 'bef423cc2069fd3d0d63e566b331d5311b579c12fa4008d78d6ca1b145092662' },
  ],
  mnist: [
    { name: 'train-images-idx3-ubyte.gz', md5: 'f68b3c2dcbeaaa9fbdd348bbdeb94873', urls: [MNIST_BASE + 'train-images-idx3-ubyte.gz'] },
    { name: 'train-labels-idx1-ubyte.gz', md5: 'd53e105ee54ea40749a09fcbcd1e9432', urls: [MNIST_BASE + 'train-labels-idx1-ubyte.gz'] },
    { name: 't10k-images-idx3-ubyte.gz', md5: '9fb629c4189551a2d022fa330f9573f3', urls: [MNIST_BASE + 't10k-images-idx3-ubyte.gz'] },
    { name: 't10k-labels-idx1-ubyte.gz', md5: 'ec29112dd5afa0611ce80d1b7f02629c', urls: [MNIST_BASE + 't10k-labels-idx1-ubyte.gz'] },
  ],
  'fashion-mnist': [
    { name: 'train-images-idx3-ubyte.gz', md5: '8d4fb7e6c68d591d4c3dfef9ec88bf0d', urls: FASHION_BASES.map((b) => b + 'train-images-idx3-ubyte.gz') },
    { name: 'train-labels-idx1-ubyte.gz', md5: '25c81989df183df01b3e8a0aad5dffbe', urls: FASHION_BASES.map((b) => b + 'train-labels-idx1-ubyte.gz') },
    { name: 't10k-images-idx3-ubyte.gz', md5: 'bef4ecab320f06d8554ea6380940ec79', urls: FASHION_BASES.map((b) => b + 't10k-images-idx3-ubyte.gz') },
    { name: 't10k-labels-idx1-ubyte.gz', md5: 'bb300cfdad3c16e7a12a480ee83cd310', urls: FASHION_BASES.map((b) => b + 't10k-labels-idx1-ubyte.gz') },
  ],
};

export const knownFile = (dataset: DatasetName, name: string): KnownFile | undefined =>
  KNOWN_FILES[dataset].find((f) => f.name === name);

/** The files a download fetches for each dataset. */
export const DOWNLOADS: Record<DatasetName, KnownFile[]> = {
  omniglot: KNOWN_FILES.omniglot.filter((f) => f.urls),
  mnist: KNOWN_FILES.mnist,
  'fashion-mnist': KNOWN_FILES['fashion-mnist'],
};

export const LICENSES: Record<DatasetName, string> = {
  omniglot: 'MIT (Brenden Lake, github.com/brendenlake/omniglot). Cite Lake, Salakhutdinov & Tenenbaum (2015), Science 350(6266).',
  mnist: 'Yann LeCun & Corinna Cortes; CC BY-SA 3.0 (derivative of NIST data), per the TensorFlow/Keras mnist.load_data docs.',
  'fashion-mnist': 'MIT (© 2017 Zalando SE). Cite Xiao, Rasul & Vollgraf (2017), arXiv:1708.07747.',
};
