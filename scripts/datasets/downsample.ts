/**
 * Exact area-averaging ("box filter over the fractional pixel footprint") resampling.
 *
 * Each destination pixel covers a rectangle of the source image, e.g. 3.75×3.75 source
 * pixels for 105 → 28. Its value is the mean of the source over that rectangle, with
 * source pixels that are only partly covered counted by the covered fraction. The filter
 * is separable, and with g = gcd(src, dst) every pixel edge lies on a grid of
 * 1/(dst/g) source pixels, so all weights are small integers and the result is exact:
 * out = round(Σ wx·wy·ink / (mx·my)), mx = srcW/g. For 105 → 28: g = 7, each source
 * pixel is 4 units wide, each output pixel 15 units, weights ∈ {1,2,3,4}.
 */

export interface AreaResampler {
  srcWidth: number; srcHeight: number; dstWidth: number; dstHeight: number;
  /**
   * Resamples one image. Source pixel (x, y) is `lut[src[srcOffset + (y*srcWidth + x)*stride]]`
   * (the LUT maps raw bytes to ink 0..255, e.g. to invert or to expand booleans).
   * Writes dstWidth*dstHeight bytes to `out` at `outOffset`.
   */
  resample(src: Uint8Array, srcOffset: number, stride: number, lut: Uint8Array, out: Uint8Array, outOffset: number): void;
}

const gcd = (a: number, b: number): number => (b === 0 ? a : gcd(b, a % b));

interface AxisWeights {
  /** For destination index d: source indices first[d] .. first[d]+len[d]-1 with weights. */
  first: Int32Array; len: Int32Array; weights: Int32Array[];
  /** Sum of weights of every destination pixel. */
  total: number;
}

function axisWeights(src: number, dst: number): AxisWeights {
  const g = gcd(src, dst);
  const unitsPerSrc = dst / g;
  const unitsPerDst = src / g;
  const first = new Int32Array(dst);
  const len = new Int32Array(dst);
  const weights: Int32Array[] = [];
  for (let d = 0; d < dst; d++) {
    const a = d * unitsPerDst;
    const b = a + unitsPerDst;
    const s0 = Math.floor(a / unitsPerSrc);
    const s1 = Math.ceil(b / unitsPerSrc); // exclusive
    const w = new Int32Array(s1 - s0);
    for (let s = s0; s < s1; s++) {
      w[s - s0] = Math.min(b, (s + 1) * unitsPerSrc) - Math.max(a, s * unitsPerSrc);
    }
    first[d] = s0; len[d] = s1 - s0; weights.push(w);
  }
  return { first, len, weights, total: unitsPerDst };
}

export function createAreaResampler(srcWidth: number, srcHeight: number, dstWidth: number, dstHeight: number): AreaResampler {
  for (const v of [srcWidth, srcHeight, dstWidth, dstHeight]) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`bad image size ${v}`);
  }
  const wx = axisWeights(srcWidth, dstWidth);
  const wy = axisWeights(srcHeight, dstHeight);
  const denom = wx.total * wy.total;
  // Row pass output: for each source row, dstWidth horizontal sums (scaled by wx.total).
  const rows = new Int32Array(srcHeight * dstWidth);
  return {
    srcWidth, srcHeight, dstWidth, dstHeight,
    resample(src, srcOffset, stride, lut, out, outOffset) {
      for (let y = 0; y < srcHeight; y++) {
        const rowBase = srcOffset + y * srcWidth * stride;
        for (let d = 0; d < dstWidth; d++) {
          const w = wx.weights[d];
          let p = rowBase + wx.first[d] * stride;
          let acc = 0;
          for (let k = 0; k < w.length; k++, p += stride) acc += w[k] * lut[src[p]];
          rows[y * dstWidth + d] = acc;
        }
      }
      for (let dy = 0; dy < dstHeight; dy++) {
        const w = wy.weights[dy];
        const y0 = wy.first[dy];
        const o = outOffset + dy * dstWidth;
        for (let dx = 0; dx < dstWidth; dx++) {
          let acc = 0;
          for (let k = 0; k < w.length; k++) acc += w[k] * rows[(y0 + k) * dstWidth + dx];
          out[o + dx] = Math.floor((2 * acc + denom) / (2 * denom)); // round half up
        }
      }
    },
  };
}

/** LUT: identity (bytes already are ink 0..255). */
export const LUT_IDENTITY: Uint8Array = Uint8Array.from({ length: 256 }, (_, i) => i);
/** LUT: invert 8-bit greyscale (white background → 0, black ink → 255). */
export const LUT_INVERT: Uint8Array = Uint8Array.from({ length: 256 }, (_, i) => 255 - i);
/** LUT: numpy bool where True (1) = background, False (0) = ink. */
export const LUT_BOOL_TRUE_IS_BACKGROUND: Uint8Array = Uint8Array.from({ length: 256 }, (_, i) => (i === 0 ? 255 : 0));
