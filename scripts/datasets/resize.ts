/**
 * Image resizing as Pillow does it with `Image.resize(size, Image.LANCZOS)` (formerly ANTIALIAS),
 * the filter of the common mini-ImageNet recipe (cbfinn/maml's proc_images.py): a Lanczos-3
 * kernel stretched by the reduction factor, so every source pixel under the output pixel's
 * footprint counts (antialiasing), applied horizontally then vertically. Like Pillow's 8-bit
 * path (libImaging/Resample.c), the weights are fixed-point integers of 22 fractional bits and
 * the horizontal pass is rounded and clipped to uint8 before the vertical one, so given the same
 * decoded pixels the output should match Pillow's byte for byte (not checked against Pillow here:
 * it is not installed; resize.test.ts checks hand-computed cases).
 */
const PRECISION_BITS = 22;
const ONE = 2 ** PRECISION_BITS;
const LANCZOS_SUPPORT = 3;

const sinc = (x: number): number => (x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x));
export const lanczos = (x: number): number => (x >= -LANCZOS_SUPPORT && x < LANCZOS_SUPPORT ? sinc(x) * sinc(x / LANCZOS_SUPPORT) : 0);

/** Per output index: the first source index and the integer weights of the taps from there. */
export interface Taps { start: number; weights: Int32Array }

/** Pillow's precompute_coeffs + normalize_coeffs_8bpc for one axis. */
export function lanczosTaps(inSize: number, outSize: number): Taps[] {
  const scale = inSize / outSize;
  const filterScale = Math.max(scale, 1);
  const support = LANCZOS_SUPPORT * filterScale;
  const taps: Taps[] = [];
  for (let xx = 0; xx < outSize; xx++) {
    const center = (xx + 0.5) * scale;
    const xmin = Math.max(Math.trunc(center - support + 0.5), 0);
    const xmax = Math.min(Math.trunc(center + support + 0.5), inSize);
    const w = Array.from({ length: xmax - xmin }, (_, x) => lanczos((x + xmin - center + 0.5) / filterScale));
    const sum = w.reduce((a, b) => a + b, 0);
    const weights = Int32Array.from(w, (v) => {
      const k = sum !== 0 ? v / sum : v;
      return Math.trunc(k < 0 ? -0.5 + k * ONE : 0.5 + k * ONE);
    });
    taps.push({ start: xmin, weights });
  }
  return taps;
}

// Most ILSVRC images are 500×375 or 375×500: their weights are worked out once.
const tapsCache = new Map<string, Taps[]>();
function cachedTaps(inSize: number, outSize: number): Taps[] {
  const key = `${inSize}>${outSize}`;
  let t = tapsCache.get(key);
  if (!t) tapsCache.set(key, (t = lanczosTaps(inSize, outSize)));
  return t;
}

/** Pillow's clip8: the fixed-point sum back to a byte. */
const clip8 = (v: number): number => (v <= 0 ? 0 : v >= 256 * ONE ? 255 : Math.floor(v / ONE));

/**
 * Resizes an interleaved image of `channels` bytes per pixel from w×h to outW×outH.
 * Returns outW × outH × channels bytes.
 */
export function resizeLanczos(src: Uint8Array, w: number, h: number, channels: number, outW: number, outH: number): Uint8Array {
  if (src.length !== w * h * channels) throw new Error(`resizeLanczos: ${src.length} bytes is not ${w}×${h}×${channels}`);
  const tx = cachedTaps(w, outW), ty = cachedTaps(h, outH);
  const mid = new Uint8Array(outW * h * channels);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < outW; x++) {
      const { start, weights } = tx[x];
      for (let c = 0; c < channels; c++) {
        let ss = ONE / 2;
        for (let k = 0; k < weights.length; k++) ss += src[(y * w + start + k) * channels + c] * weights[k];
        mid[(y * outW + x) * channels + c] = clip8(ss);
      }
    }
  }
  const out = new Uint8Array(outW * outH * channels);
  for (let y = 0; y < outH; y++) {
    const { start, weights } = ty[y];
    for (let x = 0; x < outW; x++) {
      for (let c = 0; c < channels; c++) {
        let ss = ONE / 2;
        for (let k = 0; k < weights.length; k++) ss += mid[((start + k) * outW + x) * channels + c] * weights[k];
        out[(y * outW + x) * channels + c] = clip8(ss);
      }
    }
  }
  return out;
}
