import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ChecksumError, hashBytes, parseSha256Sums, verifyBytes } from './checksum.ts';
import { findSourceFiles, readVerified } from './sources.ts';

const ABC_SHA256 = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';

describe('checksums', () => {
  it('hashes and verifies', () => {
    const abc = new TextEncoder().encode('abc');
    expect(hashBytes(abc)).toBe(ABC_SHA256);
    expect(hashBytes(abc, 'md5')).toBe('900150983cd24fb0d6963f7d28e17f72');
    expect(() => verifyBytes('abc.txt', abc, 'sha256', ABC_SHA256.toUpperCase())).not.toThrow();
    expect(() => verifyBytes('abc.txt', abc, 'md5', '0'.repeat(32))).toThrow(ChecksumError);
  });

  it('parses SHA256SUMS lines', () => {
    const sums = parseSha256Sums(`${ABC_SHA256}  mnist/a.gz\n${'1'.repeat(64)} *./b.bin\n\nnot a line\n`);
    expect([...sums]).toEqual([['mnist/a.gz', ABC_SHA256], ['b.bin', '1'.repeat(64)]]);
  });

  function mnistSource(content: (name: string) => string, sums?: string): string {
    const root = mkdtempSync(join(tmpdir(), 'bdl-sums-'));
    mkdirSync(join(root, 'mnist'));
    for (const n of ['train-images-idx3-ubyte', 'train-labels-idx1-ubyte', 't10k-images-idx3-ubyte', 't10k-labels-idx1-ubyte']) {
      writeFileSync(join(root, 'mnist', n), content(n));
    }
    if (sums !== undefined) writeFileSync(join(root, 'SHA256SUMS'), sums);
    return root;
  }

  it('rejects a source file whose sha256 differs from SHA256SUMS', () => {
    const root = mnistSource((n) => (n.startsWith('train-images') ? 'corrupt' : 'abc'), `${ABC_SHA256}  mnist/train-images-idx3-ubyte\n`);
    const files = findSourceFiles('mnist', root);
    if (typeof files === 'string') throw new Error(files);
    expect(() => readVerified('mnist', root, files[0], true)).toThrow(/Checksum mismatch .*train-images-idx3-ubyte/);
    expect(readVerified('mnist', root, files[0], false).check).toMatch(/not verified/);
    expect(readVerified('mnist', root, files[1], true).check).toBe('no checksum known'); // not listed, not a canonical name
  });

  it('accepts a file listed with the right sha256', () => {
    const root = mnistSource(() => 'abc', `${ABC_SHA256}  mnist/train-images-idx3-ubyte\n`);
    const files = findSourceFiles('mnist', root);
    if (typeof files === 'string') throw new Error(files);
    expect(readVerified('mnist', root, files[0], true).check).toMatch(/sha256 ok/);
  });

  it('checks canonical file names against their known MD5 when there is no SHA256SUMS', () => {
    const root = mkdtempSync(join(tmpdir(), 'bdl-known-'));
    mkdirSync(join(root, 'mnist'));
    for (const n of ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz', 't10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz']) {
      writeFileSync(join(root, 'mnist', n), 'not the real file');
    }
    const files = findSourceFiles('mnist', root);
    if (typeof files === 'string') throw new Error(files);
    expect(() => readVerified('mnist', root, files[0], true)).toThrow(/md5 .*expected f68b3c2dcbeaaa9fbdd348bbdeb94873/);
  });
});
