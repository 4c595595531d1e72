/**
 * ImageNet files to RGB pixels: JPEG through jpeg-js (pure JS, no native build), and PNG through
 * pngjs, because ILSVRC-2012's training set holds a PNG under a .JPEG name (n02105855_2933).
 * Greyscale JPEGs come out with R = G = B and CMYK ones converted by jpeg-js, as Pillow's
 * `convert('RGB')` does in the recipes; jpeg-js's IDCT and chroma upsampling are not libjpeg's,
 * so pixels may differ from Pillow's decode by a few levels.
 */
import { decode as decodeJpeg } from 'jpeg-js';
import { PNG } from 'pngjs';

export interface RgbImage { width: number; height: number; data: Uint8Array }

const PNG_MAGIC = [0x89, 0x50, 0x4e, 0x47];

/** Decodes `bytes` (JPEG or PNG) to interleaved RGB; throws naming `file` when it cannot. */
export function decodeRgb(bytes: Uint8Array, file: string): RgbImage {
  try {
    if (PNG_MAGIC.every((b, i) => bytes[i] === b)) {
      const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength));
      const data = new Uint8Array(png.width * png.height * 3);
      for (let p = 0; p < png.width * png.height; p++) for (let c = 0; c < 3; c++) data[p * 3 + c] = png.data[p * 4 + c];
      return { width: png.width, height: png.height, data };
    }
    // ImageNet's largest training images are about 10 MP; the limits only guard against corrupt headers.
    const img = decodeJpeg(bytes, { useTArray: true, formatAsRGBA: false, maxResolutionInMP: 200, maxMemoryUsageInMB: 1024 });
    return { width: img.width, height: img.height, data: img.data };
  } catch (e) {
    throw new Error(`${file}: cannot decode (${(e as Error).message})`, { cause: e });
  }
}
