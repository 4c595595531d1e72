import type { ClassRef } from './classRef';
import { channelsOf, type ClassInfo, type ImageDataset } from './types';

export interface UserData {
  /** Only the images of the user's classes, class by class. */
  ds: ImageDataset;
  /** The user's classes with `cls` and image indices remapped into `ds`. */
  refs: ClassRef[];
}

/**
 * The slice of a dataset one user may see: the images its ClassRefs point at (training and
 * validation examples), copied into a compact dataset, and the refs rewritten to index it.
 * Rotated copies of a class share their images. Episode sampling over the result picks the same
 * images as over the full dataset, because each ref keeps its index order.
 */
export function subsetForUser(ds: ImageDataset, refs: readonly ClassRef[]): UserData {
  const px = ds.width * ds.height * channelsOf(ds);
  const classOf = new Map<number, { info: ClassInfo; indices: Map<number, number> }>();
  const order: number[] = [];
  for (const r of refs) {
    let entry = classOf.get(r.cls);
    if (!entry) {
      entry = { info: { ...ds.classes[r.cls], id: classOf.size, start: 0, count: 0 }, indices: new Map() };
      classOf.set(r.cls, entry);
    }
    for (const i of [...r.train, ...r.val]) {
      if (!entry.indices.has(i)) entry.indices.set(i, -1);
    }
  }
  let next = 0;
  for (const entry of classOf.values()) {
    entry.info.start = next;
    for (const i of entry.indices.keys()) {
      entry.indices.set(i, next++);
      order.push(i);
    }
    entry.info.count = next - entry.info.start;
  }
  const images = new Uint8Array(order.length * px);
  order.forEach((src, dst) => images.set(ds.images.subarray(src * px, (src + 1) * px), dst * px));
  const remapped = refs.map((r) => {
    const entry = classOf.get(r.cls)!;
    const map = (i: number) => entry.indices.get(i)!;
    return { cls: entry.info.id, rotation: r.rotation, train: r.train.map(map), val: r.val.map(map) };
  });
  return {
    ds: { name: ds.name, width: ds.width, height: ds.height, ...(ds.channels !== undefined ? { channels: ds.channels } : {}), images, classes: [...classOf.values()].map((e) => e.info) },
    refs: remapped,
  };
}
