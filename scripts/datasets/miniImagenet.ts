/**
 * mini-ImageNet (Vinyals et al. 2016, the split of Ravi & Larochelle 2017) from the user's own
 * ILSVRC-2012 training images: 100 classes × 600 images, each decoded to RGB and resized to 84×84
 * with Pillow's Lanczos filter (resize.ts), whatever its aspect ratio, as the common recipe does.
 * Classes are train.csv's 64, then val.csv's 16, then test.csv's 20, each in CSV order; the
 * images of a class in CSV order. ILSVRC's terms forbid redistribution, so this is the only way
 * the app gets the images.
 */
import type { ClassInfo, ImageDataset } from '../../src/engine/data/types.ts';
import { decodeRgb } from './decodeImage.ts';
import { readImagenetClasses } from './imagenetSource.ts';
import type { MiniClass } from './miniImagenetSplits.ts';
import { resizeLanczos } from './resize.ts';

export const MINI_SIDE = 84;

/** After each image: images done of `total`, classes finished (this one once its last image is done). */
export interface MiniProgress { done: number; total: number; classesDone: number; classes: number }

export interface MiniImagenetInput {
  /** ILSVRC2012_img_train.tar, a tar of nXXXXXXXX/nXXXXXXXX_N.JPEG, or a folder (imagenetSource.ts). */
  source: string;
  classes: MiniClass[];
  side?: number;
  onProgress?: (p: MiniProgress) => void;
}

export const MINI_IMAGENET_LICENSE =
  'Images: ILSVRC-2012 (image-net.org), for non-commercial research and educational use under the ImageNet terms of access; ' +
  'not redistributable, so built only from your own copy. Split: Ravi & Larochelle (2017), Optimization as a model for few-shot learning, ICLR.';

export async function buildMiniImagenet(o: MiniImagenetInput): Promise<ImageDataset> {
  const side = o.side ?? MINI_SIDE;
  const px = side * side * 3;
  const total = o.classes.reduce((n, c) => n + c.picks.length, 0);
  const images = new Uint8Array(total * px);
  const infos: ClassInfo[] = [];
  let start = 0;
  for (const [id, c] of o.classes.entries()) {
    infos.push({ id, name: c.wnid, origin: c.split, sourceLabel: id, start, count: c.picks.length });
    start += c.picks.length;
  }
  const byWnid = new Map(o.classes.map((c, i) => [c.wnid, { c, info: infos[i] }]));
  const found = new Set<string>();
  let done = 0;
  await readImagenetClasses(o.source, new Set(byWnid.keys()), (wnid, files) => {
    const { c, info } = byWnid.get(wnid)!;
    const numbers = [...files.keys()].sort((a, b) => a - b);
    c.picks.forEach((pick, k) => {
      const n = numbers[pick - 1];
      if (n === undefined) {
        throw new Error(`${wnid}: the split wants its image number ${pick} (${wnid}${String(pick).padStart(8, '0')}.jpg) in numeric order of N, ` +
          `but ${o.source} holds only ${numbers.length} images of ${wnid}; is the class folder or tar complete?`);
      }
      const img = decodeRgb(files.get(n)!, `${wnid}/${wnid}_${n}.JPEG`);
      images.set(resizeLanczos(img.data, img.width, img.height, 3, side, side), (info.start + k) * px);
      done++;
      o.onProgress?.({ done, total, classesDone: found.size + (k === c.picks.length - 1 ? 1 : 0), classes: o.classes.length });
    });
    found.add(wnid);
  });
  const missing = o.classes.filter((c) => !found.has(c.wnid)).map((c) => c.wnid);
  if (missing.length > 0) {
    throw new Error(`${o.source} has no images of ${missing.length} of the ${o.classes.length} mini-ImageNet classes: ` +
      `${missing.slice(0, 8).join(', ')}${missing.length > 8 ? ', …' : ''}. Pass ILSVRC2012_img_train.tar or the folder it unpacks to (train/nXXXXXXXX/).`);
  }
  return { name: 'mini-imagenet', width: side, height: side, channels: 3, images, classes: infos };
}
