/**
 * The mini-ImageNet split files of Ravi & Larochelle (2017): train.csv (64 classes), val.csv (16)
 * and test.csv (20), each `filename,label` with 600 rows per class. A file name is the class's
 * WordNet id and an 8-digit number, `n0153282900000005.jpg`: the 5th of that class's ILSVRC-2012
 * training images sorted by the number in `n01532829_<N>.JPEG` (1-based), as the usual
 * generator (yaoyao-liu/mini-imagenet-tools) reads it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { hashBytes } from './checksum.ts';

export const SPLITS = ['train', 'val', 'test'] as const;
export type MiniSplit = (typeof SPLITS)[number];

/** SHA-256 of the CSVs as shipped in shared/datasets/mini-imagenet/splits/ravi (and Ravi's repository). */
export const RAVI_CSV_SHA256: Record<MiniSplit, string> = {
  train: '498519cd8e49ce97ed26a4a3638966698ae41ab35e9c68538319fc9b46ba7d2f',
  val: '5658a59921ca027ee76af92949869c5d6f41d77592ff3b18db325a9d10c893b9',
  test: '2b7cfa78342995761a572a8158e539bc4e0a80f9bbd7d00c1e17a460fbbb93fa',
};

export interface MiniClass {
  wnid: string;
  split: MiniSplit;
  /** 1-based positions in the class's ILSVRC images sorted by number, in CSV order. */
  picks: number[];
}

/** Parses one CSV; classes in order of first appearance. */
export function parseSplitCsv(text: string, split: MiniSplit, file: string): MiniClass[] {
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '');
  if (lines[0]?.trim() !== 'filename,label') throw new Error(`${file}: the first line must be "filename,label", got ${JSON.stringify(lines[0])}`);
  const byWnid = new Map<string, MiniClass>();
  lines.slice(1).forEach((line, i) => {
    const m = /^(n\d{8})(\d{8})\.jpg,(n\d{8})$/.exec(line.trim());
    if (!m || m[1] !== m[3]) throw new Error(`${file} line ${i + 2}: expected "nXXXXXXXXNNNNNNNN.jpg,nXXXXXXXX", got ${JSON.stringify(line)}`);
    let c = byWnid.get(m[1]);
    if (!c) byWnid.set(m[1], (c = { wnid: m[1], split, picks: [] }));
    c.picks.push(Number(m[2]));
  });
  return [...byWnid.values()];
}

/**
 * Reads `<dir>/{train,val,test}.csv`. With `expected`, each file's SHA-256 must match (a
 * different split would build a different dataset under the same name).
 */
export function readSplits(dir: string, expected: Record<MiniSplit, string> | null): { classes: MiniClass[]; checks: string[] } {
  const classes: MiniClass[] = [];
  const checks: string[] = [];
  for (const split of SPLITS) {
    const file = join(dir, `${split}.csv`);
    if (!existsSync(file)) throw new Error(`${file} is missing: the Ravi & Larochelle split files train.csv, val.csv and test.csv must be in ${dir} (--mini-imagenet-splits DIR)`);
    const bytes = readFileSync(file);
    const sha = hashBytes(bytes);
    if (expected && sha !== expected[split]) {
      throw new Error(`${file}: sha256 is ${sha}, expected ${expected[split]} (Ravi & Larochelle's ${split}.csv). Use the original file, or --no-verify to build from another split on purpose.`);
    }
    checks.push(`${split}.csv ${expected ? 'sha256 ok' : 'not verified'}`);
    classes.push(...parseSplitCsv(bytes.toString('utf8'), split, file));
  }
  const seen = new Set<string>();
  for (const c of classes) {
    if (seen.has(c.wnid)) throw new Error(`class ${c.wnid} is in more than one split file`);
    seen.add(c.wnid);
  }
  return { classes, checks };
}
