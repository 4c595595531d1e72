/**
 * Minimal reader for NumPy `.npy` files (format v1.0/2.0/3.0), enough for the
 * Omniglot npz: C-order arrays of `|b1`, `|u1`, `<i8`, `<i4`. No pickles.
 * Spec: https://numpy.org/doc/stable/reference/generated/numpy.lib.format.html
 */

export interface NpyHeader {
  /** dtype string, e.g. "|b1" or "<i8". */
  descr: string;
  fortranOrder: boolean;
  shape: number[];
  /** Byte offset of the array data (magic + header). */
  dataOffset: number;
  /** Bytes per element, from descr. */
  itemSize: number;
}

const MAGIC = [0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59]; // \x93NUMPY

/** Number of leading bytes needed before `parseNpyHeader` can succeed (undefined: not known yet). */
export function npyHeaderLength(bytes: Uint8Array): number | undefined {
  if (bytes.length < 10) return undefined;
  checkMagic(bytes);
  const major = bytes[6];
  if (major === 1) return 10 + (bytes[8] | (bytes[9] << 8));
  if (bytes.length < 12) return undefined;
  return 12 + ((bytes[8] | (bytes[9] << 8) | (bytes[10] << 16) | (bytes[11] << 24)) >>> 0);
}

function checkMagic(bytes: Uint8Array): void {
  for (let i = 0; i < MAGIC.length; i++) {
    if (bytes[i] !== MAGIC[i]) throw new Error('not a .npy file (bad magic bytes)');
  }
  if (bytes[6] < 1 || bytes[6] > 3) throw new Error(`unsupported .npy format version ${bytes[6]}.${bytes[7]}`);
}

/** Parses the header of a .npy file; `bytes` must hold at least the whole header. */
export function parseNpyHeader(bytes: Uint8Array): NpyHeader {
  const dataOffset = npyHeaderLength(bytes);
  if (dataOffset === undefined || bytes.length < dataOffset) throw new Error('truncated .npy header');
  const start = bytes[6] === 1 ? 10 : 12;
  const text = new TextDecoder('latin1').decode(bytes.subarray(start, dataOffset));
  const descr = /'descr'\s*:\s*'([^']+)'/.exec(text)?.[1];
  const fortran = /'fortran_order'\s*:\s*(True|False)/.exec(text)?.[1];
  const shapeText = /'shape'\s*:\s*\(([^)]*)\)/.exec(text)?.[1];
  if (descr === undefined || fortran === undefined || shapeText === undefined) {
    throw new Error(`malformed .npy header: ${text.trim()}`);
  }
  const shape = shapeText
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0)
    .map((s) => {
      const n = Number(s.replace(/L$/, ''));
      if (!Number.isInteger(n) || n < 0) throw new Error(`bad .npy shape entry "${s}"`);
      return n;
    });
  return { descr, fortranOrder: fortran === 'True', shape, dataOffset, itemSize: itemSizeOf(descr) };
}

function itemSizeOf(descr: string): number {
  const m = /^[<>|=]?[biuf](\d+)$/.exec(descr);
  if (!m) throw new Error(`unsupported .npy dtype "${descr}"`);
  return Number(m[1]);
}

export const npyElementCount = (h: NpyHeader): number => h.shape.reduce((a, b) => a * b, 1);

/**
 * Reads an integer array (`|b1`, `|u1`, `<i4`, `<u4`, `<i8`, `<u8`) as plain numbers.
 * 64-bit values must fit in 53 bits.
 */
export function readNpyIntegers(bytes: Uint8Array): { header: NpyHeader; values: number[] } {
  const header = parseNpyHeader(bytes);
  if (header.fortranOrder) throw new Error('Fortran-order .npy arrays are not supported');
  const n = npyElementCount(header);
  const { descr, itemSize, dataOffset } = header;
  if (bytes.length < dataOffset + n * itemSize) throw new Error('truncated .npy data');
  if (itemSize > 1 && descr.startsWith('>')) throw new Error(`big-endian .npy dtype "${descr}" is not supported`);
  const view = new DataView(bytes.buffer, bytes.byteOffset + dataOffset, n * itemSize);
  const signed = /i\d+$/.test(descr);
  const values = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    const o = i * itemSize;
    switch (itemSize) {
      case 1: values[i] = signed ? view.getInt8(o) : view.getUint8(o); break;
      case 2: values[i] = signed ? view.getInt16(o, true) : view.getUint16(o, true); break;
      case 4: values[i] = signed ? view.getInt32(o, true) : view.getUint32(o, true); break;
      case 8: {
        const v = signed ? view.getBigInt64(o, true) : view.getBigUint64(o, true);
        if (v > BigInt(Number.MAX_SAFE_INTEGER) || v < -BigInt(Number.MAX_SAFE_INTEGER)) throw new Error('.npy integer too large');
        values[i] = Number(v);
        break;
      }
      default: throw new Error(`unsupported item size ${itemSize}`);
    }
  }
  return { header, values };
}
