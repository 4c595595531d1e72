/**
 * Parser for the IDX format of MNIST / Fashion-MNIST (http://yann.lecun.com/exdb/mnist/):
 * magic = 0x00 0x00 <type> <ndims>, then ndims big-endian uint32 sizes, then the data.
 * Only unsigned bytes (type 0x08) occur in these datasets and only those are supported.
 */
import { gunzipSync } from 'fflate';

export interface IdxArray {
  dims: number[];
  /** Row-major uint8 data (a view into the input). */
  data: Uint8Array;
}

export function parseIdx(bytes: Uint8Array): IdxArray {
  if (bytes.length < 4) throw new Error('idx: file too short');
  if (bytes[0] !== 0 || bytes[1] !== 0) throw new Error('idx: bad magic number (is the file still gzipped?)');
  if (bytes[2] !== 0x08) throw new Error(`idx: unsupported data type 0x${bytes[2].toString(16)} (only uint8)`);
  const ndims = bytes[3];
  if (ndims < 1) throw new Error('idx: no dimensions');
  const headerLen = 4 + 4 * ndims;
  if (bytes.length < headerLen) throw new Error('idx: truncated header');
  const dv = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const dims: number[] = [];
  for (let i = 0; i < ndims; i++) dims.push(dv.getUint32(4 + 4 * i, false));
  const n = dims.reduce((a, b) => a * b, 1);
  if (bytes.length < headerLen + n) throw new Error(`idx: truncated data (${bytes.length - headerLen} of ${n} bytes)`);
  if (bytes.length > headerLen + n) throw new Error(`idx: ${bytes.length - headerLen - n} unexpected trailing bytes`);
  return { dims, data: bytes.subarray(headerLen, headerLen + n) };
}

/** Parses a possibly gzipped idx file (gzip detected by its 0x1f 0x8b magic). */
export function parseIdxMaybeGzip(bytes: Uint8Array): IdxArray {
  const plain = bytes[0] === 0x1f && bytes[1] === 0x8b ? gunzipSync(bytes) : bytes;
  return parseIdx(plain);
}

/** Checks an images/labels pair and returns [count, height, width]. */
export function checkIdxPair(images: IdxArray, labels: IdxArray, what: string): [number, number, number] {
  if (images.dims.length !== 3) throw new Error(`${what}: images must be 3-d, got [${images.dims}]`);
  if (labels.dims.length !== 1) throw new Error(`${what}: labels must be 1-d, got [${labels.dims}]`);
  if (images.dims[0] !== labels.dims[0]) {
    throw new Error(`${what}: ${images.dims[0]} images but ${labels.dims[0]} labels`);
  }
  return [images.dims[0], images.dims[1], images.dims[2]];
}
