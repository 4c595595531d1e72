/**
 * PNG decoding for the zip path. Omniglot's PNGs are 1-bit greyscale; pngjs decodes them
 * correctly but spends ~1 ms per 105×105 image in its generic per-bit mapper (≈35 s for
 * all 32,460). So non-interlaced greyscale PNGs (colour type 0, depth 1/2/4/8) are decoded
 * here directly: concatenate IDAT, inflate with fflate, undo the per-row filters, expand bits
 * to 0..255. Every other kind of PNG (palette, RGB, alpha, 16-bit, interlaced) goes to pngjs.
 */
import { unzlibSync } from 'fflate';
import { PNG } from 'pngjs';

export interface GreyImage {
  width: number;
  height: number;
  /** Pixel (x, y) is data[(y*width + x) * stride], 0 = black … 255 = white. */
  data: Uint8Array;
  stride: number;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

export function decodePngGrey(bytes: Uint8Array): GreyImage {
  return decodeSimpleGrey(bytes) ?? decodeWithPngjs(bytes);
}

/** pngjs path: RGBA output, the red channel is the grey value for greyscale images. */
export function decodeWithPngjs(bytes: Uint8Array): GreyImage {
  const png = PNG.sync.read(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length));
  return { width: png.width, height: png.height, data: png.data, stride: 4 };
}

/** Fast path; returns undefined when the PNG is not a plain greyscale one. */
export function decodeSimpleGrey(bytes: Uint8Array): GreyImage | undefined {
  for (let i = 0; i < 8; i++) if (bytes[i] !== SIGNATURE[i]) throw new Error('not a PNG file');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = 8;
  let width = 0, height = 0, depth = 0;
  const idat: Uint8Array[] = [];
  let idatLen = 0;
  while (p + 8 <= bytes.length) {
    const len = dv.getUint32(p);
    const type = String.fromCharCode(bytes[p + 4], bytes[p + 5], bytes[p + 6], bytes[p + 7]);
    const body = bytes.subarray(p + 8, p + 8 + len);
    if (body.length !== len) throw new Error('truncated PNG chunk');
    if (type === 'IHDR') {
      width = dv.getUint32(p + 8); height = dv.getUint32(p + 12); depth = body[8];
      const colorType = body[9], interlace = body[12];
      if (colorType !== 0 || interlace !== 0 || ![1, 2, 4, 8].includes(depth)) return undefined;
    } else if (type === 'IDAT') {
      idat.push(body); idatLen += len;
    } else if (type === 'tRNS') {
      return undefined;
    } else if (type === 'IEND') {
      break;
    }
    p += 12 + len;
  }
  if (!width || !height || idat.length === 0) throw new Error('PNG without IHDR or IDAT');
  let z: Uint8Array;
  if (idat.length === 1) z = idat[0];
  else { z = new Uint8Array(idatLen); let o = 0; for (const c of idat) { z.set(c, o); o += c.length; } }
  const rowBytes = Math.ceil((width * depth) / 8);
  const raw = unzlibSync(z, { out: new Uint8Array(height * (rowBytes + 1)) });
  if (raw.length < height * (rowBytes + 1)) throw new Error('PNG image data is truncated');
  const rows = new Uint8Array(height * rowBytes);
  for (let y = 0; y < height; y++) {
    const filter = raw[y * (rowBytes + 1)];
    const src = y * (rowBytes + 1) + 1;
    const dst = y * rowBytes;
    const up = dst - rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const a = i > 0 ? rows[dst + i - 1] : 0; // bpp = 1 byte for grey ≤ 8 bit
      const b = y > 0 ? rows[up + i] : 0;
      const c = i > 0 && y > 0 ? rows[up + i - 1] : 0;
      let pred: number;
      switch (filter) {
        case 0: pred = 0; break;
        case 1: pred = a; break;
        case 2: pred = b; break;
        case 3: pred = (a + b) >> 1; break;
        case 4: {
          const pa = Math.abs(b - c), pb = Math.abs(a - c), pc = Math.abs(a + b - 2 * c);
          pred = pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
          break;
        }
        default: throw new Error(`bad PNG filter type ${filter}`);
      }
      rows[dst + i] = (raw[src + i] + pred) & 255;
    }
  }
  if (depth === 8) return { width, height, data: rows, stride: 1 };
  const data = new Uint8Array(width * height);
  const mask = (1 << depth) - 1, scale = 255 / mask;
  for (let y = 0; y < height; y++) {
    let x = 0;
    for (let i = 0; i < rowBytes; i++) {
      const byte = rows[y * rowBytes + i];
      for (let shift = 8 - depth; shift >= 0 && x < width; shift -= depth, x++) {
        data[y * width + x] = ((byte >> shift) & mask) * scale;
      }
    }
  }
  return { width, height, data, stride: 1 };
}
