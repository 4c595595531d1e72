import { NAME_MAX } from './protocol';

/**
 * A display name as the class will see it: plain text, trimmed, no control or bidi-override
 * characters, at most NAME_MAX characters. React renders it as text; this keeps it readable.
 */
export function cleanName(raw: unknown): string | null {
  if (typeof raw !== 'string') return null;
  // eslint-disable-next-line no-control-regex
  const s = raw.replace(/[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069]/g, '').replace(/\s+/g, ' ').trim();
  return s.length === 0 ? null : [...s].slice(0, NAME_MAX).join('');
}

/** Join codes: 6 characters without look-alikes (no 0/O, 1/I/L), typed by hand from a projector. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 6;
export const normalCode = (raw: unknown): string | null => {
  if (typeof raw !== 'string') return null;
  const s = raw.trim().toUpperCase();
  return s.length === CODE_LENGTH && [...s].every((c) => CODE_ALPHABET.includes(c)) ? s : null;
};
