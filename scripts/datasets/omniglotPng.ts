/**
 * Omniglot from a zip of PNGs in the canonical layout
 * `images_background/<Alphabet>/characterNN/XXXX_YY.png` (XXXX = 1-based character ID,
 * YY = 1-based drawer). Each PNG is a 105×105 1-bit greyscale image, white = background.
 * PNGs are decoded by pngGrey.ts (fast path for plain greyscale, pngjs otherwise).
 * Works with the canonical zips and with shared/datasets' `*_rebuilt.zip`.
 */
import { LUT_INVERT } from './downsample.ts';
import { decodePngGrey } from './pngGrey.ts';
import type { OmniglotTarget } from './omniglotNpz.ts';
import { listZip, readZipEntry } from './zip.ts';

const ENTRY = /^([^/]+)\/([^/]+)\/(character\d+)\/(\d+)_(\d+)\.png$/;

export interface OmniglotNames {
  /** 1-based character ID → names, as found in the zip. */
  [id: number]: { alphabet: string; character: string };
}

/**
 * Decodes every PNG of one split (character IDs firstId .. firstId+characters-1) into `target`
 * and returns the (alphabet, characterNN) names found in the paths.
 */
export function decodeOmniglotPngZip(zip: Uint8Array, firstId: number, characters: number, target: OmniglotTarget, file: string): OmniglotNames {
  const { drawers, resampler, images, filled } = target;
  const outSize = resampler.dstWidth * resampler.dstHeight;
  const names: OmniglotNames = {};
  let scratch = new Uint8Array(4096);
  let decoded = 0;
  for (const entry of listZip(zip)) {
    const m = ENTRY.exec(entry.name);
    if (!m) continue;
    const id = Number(m[4]);
    const drawer = Number(m[5]) - 1;
    if (id < firstId || id >= firstId + characters) {
      throw new Error(`${file}: ${entry.name} has character ID ${id}, outside this split's ${firstId}..${firstId + characters - 1}`);
    }
    if (drawer < 0 || drawer >= drawers) throw new Error(`${file}: ${entry.name}: drawer ${drawer + 1} is not in 1..${drawers}`);
    const prev = names[id];
    if (prev && (prev.alphabet !== m[2] || prev.character !== m[3])) {
      throw new Error(`${file}: character ID ${id} appears under ${prev.alphabet}/${prev.character} and ${m[2]}/${m[3]}`);
    }
    names[id] = { alphabet: m[2], character: m[3] };
    if (scratch.length < entry.size) scratch = new Uint8Array(entry.size * 2);
    const bytes = readZipEntry(zip, entry, scratch);
    const png = decodePngGrey(bytes);
    if (png.width !== resampler.srcWidth || png.height !== resampler.srcHeight) {
      throw new Error(`${file}: ${entry.name} is ${png.width}×${png.height}, expected ${resampler.srcWidth}×${resampler.srcHeight}`);
    }
    const slot = (id - 1) * drawers + drawer;
    if (filled[slot]) throw new Error(`${file}: ${entry.name} occurs twice`);
    filled[slot] = 1;
    resampler.resample(png.data, 0, png.stride, LUT_INVERT, images, slot * outSize);
    decoded++;
  }
  if (decoded !== characters * drawers) {
    throw new Error(`${file}: found ${decoded} character PNGs, expected ${characters * drawers} (${characters} characters × ${drawers} drawers)`);
  }
  return names;
}
