import type { AttackSettings } from './protocol';

export const KEY_SHAPES = ['square', 'checker', 'cross', 'frame'] as const;
export const MAX_BOOST = 100;

/**
 * The attacker's knobs as sent by a student's browser, checked field by field: λ in [0, 100],
 * the strike round in [1, rounds], a known key shape. Anything else is refused whole.
 */
export function checkAttackSettings(raw: unknown, rounds: number): AttackSettings | null {
  if (typeof raw !== 'object' || raw === null) return null;
  const { boost, round, key } = raw as Record<string, unknown>;
  if (typeof boost !== 'number' || !Number.isFinite(boost) || boost < 0 || boost > MAX_BOOST) return null;
  if (!Number.isSafeInteger(round) || (round as number) < 1 || (round as number) > rounds) return null;
  if (!KEY_SHAPES.includes(key as AttackSettings['key'])) return null;
  return { boost, round: round as number, key: key as AttackSettings['key'] };
}
