/**
 * A generated stand-in for the user's ImageNet copy (tests only: the real images may not be
 * redistributed): a tar of small JPEGs in ILSVRC-2012's layout, nXXXXXXXX/nXXXXXXXX_N.JPEG (or,
 * `nested`, the original's one inner nXXXXXXXX.tar per class), and split CSVs in Ravi &
 * Larochelle's layout that pick every other image of each class, so that the builder's mapping
 * from CSV number to file is exercised with gaps, non-square images and numbers whose text order
 * is not their numeric order.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { encode as encodeJpeg } from 'jpeg-js';
import { pack } from 'tar-stream';
import type { MiniSplit } from '../miniImagenetSplits.ts';

export interface StandInOptions {
  /** Classes per split (the real one: 64, 16, 20). */
  classes: Record<MiniSplit, number>;
  /** CSV rows per class (the real one: 600). */
  perClass: number;
  width?: number;
  height?: number;
  nested?: boolean;
}

export interface StandIn {
  tar: string;
  splits: string;
  wnids: string[];
  /** For each class, the file number N of each CSV row, in order. */
  files: Map<string, number[]>;
}

export const standInWnid = (c: number): string => `n9${String(c).padStart(7, '0')}`;
/** File numbers of a class: 3, 6, 15, 30, 51, … (3 + 3i², so "15" sorts before "3" as text). */
export const standInNumber = (i: number): number => 3 + 3 * i * i;

/** Class c's picture: a flat colour per class with a diagonal stripe whose place varies per image. */
export function standInPixels(c: number, i: number, w: number, h: number): Uint8Array {
  const rgba = new Uint8Array(w * h * 4);
  const base = [(c * 67) % 256, (c * 139 + 40) % 256, (c * 29 + 200) % 256];
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const stripe = Math.abs(x - y - i * 9) < 5;
      for (let k = 0; k < 3; k++) rgba[(y * w + x) * 4 + k] = stripe ? 255 - base[k] : base[k];
      rgba[(y * w + x) * 4 + 3] = 255;
    }
  }
  return rgba;
}

/** Images repeat every 4 within a class: jpeg-js sets up its tables on every encode (~20 ms). */
export const STAND_IN_VARIANTS = 4;
const cache = new Map<string, Buffer>();
function jpeg(c: number, i: number, w: number, h: number): Buffer {
  const key = `${c},${i % STAND_IN_VARIANTS},${w},${h}`;
  if (!cache.has(key)) cache.set(key, encodeJpeg({ data: standInPixels(c, i % STAND_IN_VARIANTS, w, h), width: w, height: h }, 90).data);
  return cache.get(key)!;
}

async function tarBytes(entries: [string, Buffer][]): Promise<Buffer> {
  const p = pack();
  for (const [name, data] of entries) p.entry({ name }, data);
  p.finalize();
  const chunks: Buffer[] = [];
  for await (const c of p) chunks.push(c as Buffer);
  return Buffer.concat(chunks);
}

/** Writes `<dir>/ILSVRC2012_img_train.tar` (stand-in) and `<dir>/splits/{train,val,test}.csv`. */
export async function writeMiniImagenetStandIn(dir: string, o: StandInOptions): Promise<StandIn> {
  const w = o.width ?? 40, h = o.height ?? 30;
  const filesPerClass = 2 * o.perClass + 1;
  const splits = join(dir, 'splits');
  mkdirSync(splits, { recursive: true });
  const wnids: string[] = [];
  const files = new Map<string, number[]>();
  const classEntries: [string, [string, Buffer][]][] = [];
  let c = 0;
  for (const split of ['train', 'val', 'test'] as const) {
    const rows = ['filename,label'];
    for (let k = 0; k < o.classes[split]; k++, c++) {
      const wnid = standInWnid(c);
      wnids.push(wnid);
      // Written in reverse numeric order: the builder must sort by number, not trust the tar's order.
      const images: [string, Buffer][] = [];
      for (let i = filesPerClass - 1; i >= 0; i--) images.push([`${wnid}/${wnid}_${standInNumber(i)}.JPEG`, jpeg(c, i, w, h)]);
      classEntries.push([wnid, images]);
      const picks = Array.from({ length: o.perClass }, (_, j) => 2 * j + 2); // 1-based: every other image
      files.set(wnid, picks.map((p) => standInNumber(p - 1)));
      for (const p of picks) rows.push(`${wnid}${String(p).padStart(8, '0')}.jpg,${wnid}`);
    }
    writeFileSync(join(splits, `${split}.csv`), rows.join('\n') + '\n');
  }
  const tar = join(dir, 'ILSVRC2012_img_train.tar');
  const unrelated: [string, Buffer] = ['n00000001/n00000001_1.JPEG', jpeg(999, 0, w, h)]; // a class no split wants
  if (o.nested) {
    const inner = await Promise.all(classEntries.map(async ([wnid, images]) => [`${wnid}.tar`, await tarBytes(images.map(([n, d]) => [n.split('/')[1], d]))] as [string, Buffer]));
    writeFileSync(tar, await tarBytes([['n00000001.tar', await tarBytes([unrelated])], ...inner]));
  } else {
    writeFileSync(tar, await tarBytes([unrelated, ...classEntries.flatMap(([, images]) => images)]));
  }
  return { tar, splits, wnids, files };
}
