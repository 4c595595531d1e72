/** File hashing and verification (MD5 for canonical downloads, SHA-256 for everything else). */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative, sep } from 'node:path';

export type HashAlgorithm = 'md5' | 'sha256';

export const hashBytes = (bytes: Uint8Array, algorithm: HashAlgorithm = 'sha256'): string =>
  createHash(algorithm).update(bytes).digest('hex');

export class ChecksumError extends Error {
  constructor(readonly file: string, readonly algorithm: HashAlgorithm, readonly expected: string, readonly actual: string) {
    super(`Checksum mismatch for ${file}: ${algorithm} is ${actual}, expected ${expected}. The file is corrupt or not the expected version; delete or replace it.`);
    this.name = 'ChecksumError';
  }
}

/** Throws ChecksumError unless `bytes` hash to `expected` (hex, case-insensitive). */
export function verifyBytes(file: string, bytes: Uint8Array, algorithm: HashAlgorithm, expected: string): void {
  const actual = hashBytes(bytes, algorithm);
  if (actual !== expected.toLowerCase()) throw new ChecksumError(file, algorithm, expected.toLowerCase(), actual);
}

/** Parses `sha256sum` output ("<hex>  <path>" or "<hex> *<path>") into path → hash. */
export function parseSha256Sums(text: string): Map<string, string> {
  const sums = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const m = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim());
    if (m) sums.set(m[2].replace(/^\.\//, ''), m[1].toLowerCase());
  }
  return sums;
}

/**
 * Looks for a SHA256SUMS file in the directory of `file` or any parent up to `root`
 * and returns the expected hash listed for `file`, if any.
 */
export function expectedSha256FromSums(file: string, root: string): { sums: string; hash: string } | undefined {
  let dir = dirname(file);
  for (;;) {
    const sumsPath = join(dir, 'SHA256SUMS');
    if (existsSync(sumsPath)) {
      const rel = relative(dir, file).split(sep).join('/');
      const hash = parseSha256Sums(readFileSync(sumsPath, 'utf8')).get(rel);
      if (hash) return { sums: sumsPath, hash };
    }
    const rel = relative(root, dir);
    if (rel === '' || rel.startsWith('..') || dirname(dir) === dir) return undefined;
    dir = dirname(dir);
  }
}

export const shortName = (file: string): string => join(basename(dirname(file)), basename(file));
