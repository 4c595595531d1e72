import { randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { CODE_ALPHABET, CODE_LENGTH } from '../classroom/names';

/** 128 random bits as hex: a seat's or the teacher's credential, never derived from anything guessable. */
export const newToken = (): string => randomBytes(16).toString('hex');

export const newCode = (): string => Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');

/** Compares in constant time, so a guess learns nothing from how long the refusal took. */
export function sameToken(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
