/**
 * Zip reading on top of fflate: list the central directory ourselves so that one entry
 * can be inflated on its own — whole (`readZipEntry`) or as a stream of chunks
 * (`streamZipEntry`, so a 200 MB .npy never has to sit in memory at once).
 * Supports stored (0) and deflate (8) entries; no zip64, no encryption.
 */
import { Inflate, inflateSync } from 'fflate';

export interface ZipEntry {
  name: string;
  /** 0 = stored, 8 = deflate. */
  method: number;
  compressedSize: number;
  size: number;
  /** Offset of the local file header. */
  localHeaderOffset: number;
}

const EOCD_SIG = 0x06054b50;
const CEN_SIG = 0x02014b50;
const LOC_SIG = 0x04034b50;

/** Lists the entries of a zip file held in memory, in central-directory order. */
export function listZip(zip: Uint8Array): ZipEntry[] {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // End of central directory: 22 bytes + up to 65535 bytes of comment, at the end.
  let eocd = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 22 - 0xffff); i--) {
    if (dv.getUint32(i, true) === EOCD_SIG) { eocd = i; break; }
  }
  if (eocd < 0) throw new Error('not a zip file (no end-of-central-directory record)');
  const count = dv.getUint16(eocd + 10, true);
  let p = dv.getUint32(eocd + 16, true);
  if (count === 0xffff || p === 0xffffffff) throw new Error('zip64 archives are not supported');
  const decoder = new TextDecoder();
  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (p + 46 > zip.length || dv.getUint32(p, true) !== CEN_SIG) throw new Error('corrupt zip central directory');
    const method = dv.getUint16(p + 10, true);
    const compressedSize = dv.getUint32(p + 20, true);
    const size = dv.getUint32(p + 24, true);
    const nameLen = dv.getUint16(p + 28, true);
    const extraLen = dv.getUint16(p + 30, true);
    const commentLen = dv.getUint16(p + 32, true);
    const localHeaderOffset = dv.getUint32(p + 42, true);
    const name = decoder.decode(zip.subarray(p + 46, p + 46 + nameLen));
    if (compressedSize === 0xffffffff || size === 0xffffffff || localHeaderOffset === 0xffffffff) {
      throw new Error(`zip64 entry "${name}" is not supported`);
    }
    entries.push({ name, method, compressedSize, size, localHeaderOffset });
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The raw (still compressed) bytes of an entry. */
export function zipEntryData(zip: Uint8Array, e: ZipEntry): Uint8Array {
  const dv = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  const p = e.localHeaderOffset;
  if (p + 30 > zip.length || dv.getUint32(p, true) !== LOC_SIG) throw new Error(`corrupt zip local header for "${e.name}"`);
  const start = p + 30 + dv.getUint16(p + 26, true) + dv.getUint16(p + 28, true);
  if (start + e.compressedSize > zip.length) throw new Error(`zip entry "${e.name}" is truncated`);
  return zip.subarray(start, start + e.compressedSize);
}

/** Decompresses one entry. `out`, when given and large enough, receives the bytes (no allocation). */
export function readZipEntry(zip: Uint8Array, e: ZipEntry, out?: Uint8Array): Uint8Array {
  const raw = zipEntryData(zip, e);
  if (e.method === 0) return raw;
  if (e.method !== 8) throw new Error(`zip entry "${e.name}" uses unsupported compression method ${e.method}`);
  const target = out && out.length >= e.size ? out.subarray(0, e.size) : new Uint8Array(e.size);
  const result = inflateSync(raw, { out: target });
  if (result.length !== e.size) throw new Error(`zip entry "${e.name}": inflated ${result.length} bytes, expected ${e.size}`);
  return result;
}

/**
 * Decompresses one entry as a stream: `onChunk` receives consecutive pieces of the
 * uncompressed data (valid only during the call). Returns the total size.
 */
export function streamZipEntry(
  zip: Uint8Array,
  e: ZipEntry,
  onChunk: (chunk: Uint8Array) => void,
  inputChunkSize = 1 << 18,
): number {
  const raw = zipEntryData(zip, e);
  let total = 0;
  if (e.method === 0) {
    for (let i = 0; i < raw.length; i += inputChunkSize) {
      const c = raw.subarray(i, Math.min(raw.length, i + inputChunkSize));
      total += c.length;
      onChunk(c);
    }
  } else if (e.method === 8) {
    const inflater = new Inflate((chunk) => { total += chunk.length; onChunk(chunk); });
    for (let i = 0; i < raw.length; i += inputChunkSize) {
      const end = Math.min(raw.length, i + inputChunkSize);
      inflater.push(raw.subarray(i, end), end === raw.length);
    }
    if (raw.length === 0) inflater.push(new Uint8Array(0), true);
  } else {
    throw new Error(`zip entry "${e.name}" uses unsupported compression method ${e.method}`);
  }
  if (total !== e.size) throw new Error(`zip entry "${e.name}": inflated ${total} bytes, expected ${e.size}`);
  return total;
}
