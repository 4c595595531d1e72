import { zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { npyHeaderLength, parseNpyHeader, readNpyIntegers } from './npy.ts';
import { listZip, readZipEntry, streamZipEntry } from './zip.ts';

/** Builds a v1.0 .npy file by hand: magic, version, little-endian header length, padded dict, data. */
function npy(dict: string, data: Uint8Array): Uint8Array {
  let header = dict;
  while ((10 + header.length + 1) % 64 !== 0) header += ' ';
  header += '\n';
  const out = new Uint8Array(10 + header.length + data.length);
  out.set([0x93, 0x4e, 0x55, 0x4d, 0x50, 0x59, 1, 0, header.length & 255, header.length >> 8]);
  for (let i = 0; i < header.length; i++) out[10 + i] = header.charCodeAt(i);
  out.set(data, 10 + header.length);
  return out;
}

describe('npy', () => {
  it('parses a hand-made bool header', () => {
    const file = npy("{'descr': '|b1', 'fortran_order': False, 'shape': (2, 3), }", new Uint8Array([1, 0, 1, 0, 0, 1]));
    const h = parseNpyHeader(file);
    expect(h).toEqual({ descr: '|b1', fortranOrder: false, shape: [2, 3], dataOffset: 128, itemSize: 1 }); // 10 + 60-char dict padded to a multiple of 64
    expect(npyHeaderLength(file.subarray(0, 10))).toBe(128);
    expect(npyHeaderLength(file.subarray(0, 5))).toBeUndefined();
    expect(Array.from(file.subarray(h.dataOffset))).toEqual([1, 0, 1, 0, 0, 1]);
  });

  it('reads int64 little-endian values and 1-d shapes', () => {
    const data = new Uint8Array(24);
    const dv = new DataView(data.buffer);
    [0n, 7n, 963n].forEach((v, i) => dv.setBigInt64(i * 8, v, true));
    const { header, values } = readNpyIntegers(npy("{'descr': '<i8', 'fortran_order': False, 'shape': (3,), }", data));
    expect(header.shape).toEqual([3]);
    expect(values).toEqual([0, 7, 963]);
  });

  it('parses a scalar shape and rejects bad files', () => {
    expect(parseNpyHeader(npy("{'descr': '<i4', 'fortran_order': True, 'shape': (), }", new Uint8Array(4))).shape).toEqual([]);
    expect(() => parseNpyHeader(new Uint8Array(20))).toThrow(/magic/);
    expect(() => parseNpyHeader(npy("{'descr': '<U8', 'fortran_order': False, 'shape': (1,), }", new Uint8Array(0)))).toThrow(/dtype/);
    expect(() => parseNpyHeader(npy("{'fortran_order': False}", new Uint8Array(0)))).toThrow(/malformed/);
  });

  it('reads .npy entries of an npz (zip) whole and streamed', () => {
    const a = npy("{'descr': '|u1', 'fortran_order': False, 'shape': (5000,), }", Uint8Array.from({ length: 5000 }, (_, i) => i % 7));
    const zip = zipSync({ 'images.npy': a, 'labels.npy': [npy("{'descr': '|u1', 'fortran_order': False, 'shape': (1,), }", new Uint8Array([9])), { level: 0 }] });
    const entries = listZip(zip);
    expect(entries.map((e) => [e.name, e.method])).toEqual([['images.npy', 8], ['labels.npy', 0]]);
    expect(readZipEntry(zip, entries[0])).toEqual(a);
    expect(readNpyIntegers(readZipEntry(zip, entries[1])).values).toEqual([9]);
    const chunks: Uint8Array[] = [];
    streamZipEntry(zip, entries[0], (c) => chunks.push(c.slice()), 100);
    expect(chunks.length).toBeGreaterThan(0);
    expect(Buffer.concat(chunks)).toEqual(Buffer.from(a));
    expect(() => listZip(new Uint8Array(100))).toThrow(/not a zip/);
  });
});
