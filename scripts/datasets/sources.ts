/**
 * Finding source files in a folder laid out like shared/datasets (or, for Omniglot, a folder
 * holding the canonical zips directly), and reading them with checksum verification:
 * a SHA256SUMS file next to them (or in a parent up to the source root) wins; otherwise
 * files with a known canonical name are checked against manifest.ts; others are used as is.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { expectedSha256FromSums, verifyBytes } from './checksum.ts';
import { verifyKnown } from './download.ts';
import { type DatasetName, knownFile } from './manifest.ts';
import { IDX_FILES } from './mnist.ts';
import type { OmniglotSplit } from './omniglot.ts';

export interface SourceRoot {
  /** How this folder was chosen: "--source", "shared", "cache". */
  label: string;
  dir: string;
}

export interface FoundFile {
  /** Key: "background"/"evaluation" or one of the IDX_FILES keys. */
  role: string;
  path: string;
  /** Canonical file name the checksum manifest knows it by. */
  name: string;
  kind: 'npz' | 'zip' | 'idx';
}

const isFile = (p: string): boolean => existsSync(p) && statSync(p).isFile();

/** Omniglot: per split, the first of canonical zip, rebuilt zip, npz — in <root>/omniglot or <root>. */
function findOmniglot(root: string): FoundFile[] | string {
  const found: FoundFile[] = [];
  for (const split of ['background', 'evaluation'] as OmniglotSplit[]) {
    const names: [string, 'zip' | 'npz'][] = [
      [`images_${split}.zip`, 'zip'], [`images_${split}_rebuilt.zip`, 'zip'], [`images_${split}.npz`, 'npz'],
    ];
    const hit = [join(root, 'omniglot'), root]
      .flatMap((dir) => names.map(([name, kind]) => ({ path: join(dir, name), name, kind })))
      .find((c) => isFile(c.path));
    if (!hit) return `no images_${split}.zip / images_${split}_rebuilt.zip / images_${split}.npz`;
    found.push({ role: split, ...hit });
  }
  return found;
}

/** MNIST / Fashion-MNIST: the four idx files (gzipped, or not) in <root>/<dataset>. */
function findIdx(root: string, dataset: DatasetName): FoundFile[] | string {
  const dir = join(root, dataset);
  const found: FoundFile[] = [];
  for (const [role, name] of Object.entries(IDX_FILES)) {
    const path = [join(dir, name), join(dir, name.replace(/\.gz$/, ''))].find(isFile);
    if (!path) return `no ${dataset}/${name}`;
    found.push({ role, path, name: path.endsWith('.gz') ? name : name.replace(/\.gz$/, ''), kind: 'idx' });
  }
  return found;
}

/** The files of `dataset` under `root`, or a reason why they are not there. */
export function findSourceFiles(dataset: DatasetName, root: string): FoundFile[] | string {
  if (!existsSync(root)) return 'folder does not exist';
  return dataset === 'omniglot' ? findOmniglot(root) : findIdx(root, dataset);
}

/**
 * Reads a source file and verifies it. Returns the bytes and how they were checked.
 * Throws ChecksumError on a mismatch.
 */
export function readVerified(dataset: DatasetName, root: string, file: FoundFile, verify: boolean): { bytes: Uint8Array; check: string } {
  const bytes = readFileSync(file.path);
  if (!verify) return { bytes, check: 'not verified (--no-verify)' };
  const listed = expectedSha256FromSums(file.path, root);
  if (listed) {
    verifyBytes(file.path, bytes, 'sha256', listed.hash);
    return { bytes, check: 'sha256 ok (SHA256SUMS)' };
  }
  const known = knownFile(dataset, file.name);
  if (known && (known.md5 || known.sha256)) {
    verifyKnown(file.path, bytes, known);
    return { bytes, check: `${known.md5 ? 'md5' : 'sha256'} ok (known checksum)` };
  }
  return { bytes, check: 'no checksum known' };
}
