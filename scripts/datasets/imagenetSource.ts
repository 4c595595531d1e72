/**
 * Reading the user's ILSVRC-2012 training images class by class, in any of the forms people keep
 * them in: the original ILSVRC2012_img_train.tar (one inner nXXXXXXXX.tar per class), a tar of
 * nXXXXXXXX/nXXXXXXXX_N.JPEG (optionally gzipped), or a folder holding nXXXXXXXX/ folders (also
 * under train/) or the inner nXXXXXXXX.tar files. Tars are streamed: only one class's files are
 * in memory at a time, so the 140 GB original tar never needs unpacking.
 */
import { createReadStream, existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { extract } from 'tar-stream';

/** One class's images by the N of nXXXXXXXX_N.JPEG. */
export type ClassFiles = Map<number, Uint8Array>;
export type OnClass = (wnid: string, files: ClassFiles) => void | Promise<void>;

const IMAGE = /(?:^|\/)(n\d{8})_(\d+)\.jpe?g$/i;
const INNER_TAR = /(?:^|\/)(n\d{8})\.tar$/;

async function readAll(stream: AsyncIterable<unknown>): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const c of stream) chunks.push(c as Uint8Array);
  return Buffer.concat(chunks);
}

/** Every image entry of a tar stream, with a callback per class; `wanted` filters before buffering. */
async function streamTar(input: Readable, wanted: ReadonlySet<string>, onClass: OnClass, where: string): Promise<void> {
  const done = new Set<string>();
  // The class being read (a holder, so that TypeScript follows the assignments in flush).
  const at: { current: { wnid: string; files: ClassFiles } | null } = { current: null };
  const flush = async () => {
    const c = at.current;
    at.current = null;
    if (c) { done.add(c.wnid); await onClass(c.wnid, c.files); }
  };
  for await (const entry of input.pipe(extract())) {
    const name = entry.header.name;
    const inner = INNER_TAR.exec(name);
    const image = IMAGE.exec(name);
    const wnid = inner?.[1] ?? image?.[1];
    if (entry.header.type !== 'file' || !wnid || !wanted.has(wnid)) { entry.resume(); continue; }
    if (inner) {
      await flush();
      await streamTar(Readable.from([await readAll(entry)]), new Set([wnid]), onClass, `${where}:${name}`);
      done.add(wnid);
      continue;
    }
    if (at.current?.wnid !== wnid) {
      await flush();
      if (done.has(wnid)) throw new Error(`${where}: the images of ${wnid} are not together in the tar; extract it and pass the folder instead`);
      at.current = { wnid, files: new Map() };
    }
    at.current.files.set(Number(image![2]), await readAll(entry));
  }
  await flush();
}

function tarStream(file: string): Readable {
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  return /\.(tgz|gz)$/.test(file) ? raw.pipe(createGunzip()) : raw;
}

function readFolderClass(dir: string): ClassFiles {
  const files: ClassFiles = new Map();
  for (const name of readdirSync(dir)) {
    const m = IMAGE.exec(name);
    if (m) files.set(Number(m[2]), readFileSync(join(dir, name)));
  }
  return files;
}

/**
 * Calls `onClass` for each wanted class found under `path` (a tar or a folder), in the order the
 * source holds them; classes not found are simply not reported (the caller names them).
 */
export async function readImagenetClasses(path: string, wanted: ReadonlySet<string>, onClass: OnClass): Promise<void> {
  if (!existsSync(path)) throw new Error(`${path}: no such file or folder`);
  if (statSync(path).isFile()) return streamTar(tarStream(path), wanted, onClass, basename(path));
  const roots = [path, join(path, 'train')].filter((d) => existsSync(d));
  for (const wnid of wanted) {
    const folder = roots.map((r) => join(r, wnid)).find((d) => existsSync(d) && statSync(d).isDirectory());
    if (folder) { await onClass(wnid, readFolderClass(folder)); continue; }
    const tar = roots.map((r) => join(r, `${wnid}.tar`)).find((f) => existsSync(f));
    if (tar) await streamTar(tarStream(tar), new Set([wnid]), onClass, basename(tar));
  }
}
