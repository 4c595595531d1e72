/**
 * Omniglot from the npz arrays (bitsandscraps/omniglot layout, see shared/datasets/README.md):
 * `images.npy` bool [N, 20, 105, 105] with True = background, `labels.npy` int64 [N, 20]
 * holding the split-local character index. images.npy (≈212 MB for background) is
 * inflated as a stream and each 105×105 record is downsampled as soon as it is complete,
 * so memory stays small and the pixels are touched once.
 */
import { type AreaResampler, LUT_BOOL_TRUE_IS_BACKGROUND } from './downsample.ts';
import { npyElementCount, npyHeaderLength, type NpyHeader, parseNpyHeader, readNpyIntegers } from './npy.ts';
import { listZip, readZipEntry, streamZipEntry } from './zip.ts';

export interface OmniglotTarget {
  /** Output pixels, all 1623 characters × drawers × (size×size), character-major. */
  images: Uint8Array;
  /** 1 where (character, drawer) has been written. */
  filled: Uint8Array;
  drawers: number;
  resampler: AreaResampler;
}

/**
 * Decodes one npz split into `target`. `firstIndex` is the global 0-based character index of
 * split-local label 0 (0 for background, 964 for evaluation); `characters` the expected N.
 */
export function decodeOmniglotNpz(npz: Uint8Array, firstIndex: number, characters: number, target: OmniglotTarget, file: string): void {
  const entries = listZip(npz);
  const find = (n: string) => {
    const e = entries.find((x) => x.name === n);
    if (!e) throw new Error(`${file}: no ${n} inside (entries: ${entries.map((x) => x.name).join(', ')})`);
    return e;
  };
  const { header: lh, values: labels } = readNpyIntegers(readZipEntry(npz, find('labels.npy')));
  const { drawers, resampler, images, filled } = target;
  if (lh.shape.length !== 2 || lh.shape[0] !== characters || lh.shape[1] !== drawers) {
    throw new Error(`${file}: labels.npy has shape [${lh.shape}], expected [${characters}, ${drawers}]`);
  }
  const srcW = resampler.srcWidth, srcH = resampler.srcHeight;
  const rec = srcW * srcH;
  const outSize = resampler.dstWidth * resampler.dstHeight;
  const recBuf = new Uint8Array(rec);
  let fill = 0;
  let record = 0;
  let header: NpyHeader | undefined;
  let pre = new Uint8Array(0);

  const emit = (src: Uint8Array, offset: number) => {
    if (record >= labels.length) throw new Error(`${file}: images.npy holds more records than labels.npy`);
    const label = labels[record];
    if (!Number.isInteger(label) || label < 0 || label >= characters) throw new Error(`${file}: label ${label} out of range 0..${characters - 1}`);
    const slot = (firstIndex + label) * drawers + (record % drawers);
    if (filled[slot]) throw new Error(`${file}: character ${label}, drawer ${record % drawers} occurs twice`);
    filled[slot] = 1;
    resampler.resample(src, offset, 1, LUT_BOOL_TRUE_IS_BACKGROUND, images, slot * outSize);
    record++;
  };

  const onData = (chunk: Uint8Array, p: number) => {
    while (p < chunk.length) {
      if (fill === 0 && chunk.length - p >= rec) { emit(chunk, p); p += rec; continue; }
      const n = Math.min(rec - fill, chunk.length - p);
      recBuf.set(chunk.subarray(p, p + n), fill);
      fill += n; p += n;
      if (fill === rec) { emit(recBuf, 0); fill = 0; }
    }
  };

  streamZipEntry(npz, find('images.npy'), (chunk) => {
    if (header) return onData(chunk, 0);
    const joined = new Uint8Array(pre.length + chunk.length);
    joined.set(pre); joined.set(chunk, pre.length);
    const len = npyHeaderLength(joined);
    if (len === undefined || joined.length < len) { pre = joined; return; }
    header = parseNpyHeader(joined);
    const want = [characters, drawers, srcH, srcW];
    if (!['|b1', '|u1'].includes(header.descr) || header.fortranOrder || header.shape.join() !== want.join()) {
      throw new Error(`${file}: images.npy is ${header.descr} [${header.shape}], expected |b1 [${want}] in C order`);
    }
    onData(joined, header.dataOffset);
  });
  if (!header || record !== npyElementCount(header) / rec || fill !== 0) throw new Error(`${file}: images.npy is truncated`);
}
