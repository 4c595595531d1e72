import { describe, expect, it } from 'vitest';
import { checkAttackSettings } from '../classroom/attackSettings';
import { checkUpdate } from '../classroom/checkUpdate';
import { cleanName, normalCode } from '../classroom/names';
import { RateLimit } from './rateLimit';
import { Sessions } from './sessions';
import { sameToken } from './tokens';

describe('sessions and tokens', () => {
  it('issues distinct random tokens and binds a seat only to its own token', () => {
    const sessions = new Sessions();
    const s = sessions.create('t1');
    if (typeof s === 'string') throw new Error(s);
    expect(s.code).toMatch(/^[A-HJ-NP-Z2-9]{6}$/);
    const a = sessions.join(s.code.toLowerCase(), 'Ada', 'a1');
    const b = sessions.join(s.code, 'Bo', 'b1');
    if (typeof a === 'string' || typeof b === 'string') throw new Error('join refused');
    expect(new Set([s.teacherToken, a.student.token, b.student.token]).size).toBe(3);
    expect(a.student.token).toMatch(/^[0-9a-f]{32}$/);
    // Rejoining with a token takes that seat, and only that one.
    const r = sessions.rejoin(b.student.token, 'b2');
    expect(r?.student.id).toBe(b.student.id);
    expect(r?.previous).toBe('b1');
    // A token one hex digit off (never equal to it: a token that ends in 0 gets a 1).
    const off = `${b.student.token.slice(0, -1)}${b.student.token.endsWith('0') ? '1' : '0'}`;
    expect(sessions.rejoin(off, 'x')).toBeNull();
    expect(sessions.rejoin(s.teacherToken, 'x')).toBeNull(); // the teacher's token is no seat
    expect(sessions.resumeTeacher(a.student.token, 'x')).toBeNull(); // nor a seat's token the teacher's
    expect(sessions.resumeTeacher(s.teacherToken, 't2')?.teacherSocket).toBe('t2');
    expect(Sessions.roster(s).map((x) => x.name)).toEqual(['Ada', 'Bo']);
  });

  it('refuses a wrong code and an empty name', () => {
    const sessions = new Sessions();
    const s = sessions.create('t');
    if (typeof s === 'string') throw new Error(s);
    expect(sessions.join('ZZZZZZ', 'Ada', 'a')).toBe('no session has that code');
    expect(sessions.join(s.code, '  \u0000 ', 'a')).toBe('type a display name');
    expect(sessions.join({ code: s.code }, 'Ada', 'a')).toBe('no session has that code');
  });

  it('compares tokens of different lengths without throwing', () => {
    expect(sameToken('ab', 'abc')).toBe(false);
    expect(sameToken('abc', 'abc')).toBe(true);
  });

  it('cleans names to plain readable text', () => {
    expect(cleanName('  <b>Ada</b>\u202e\n  Lovelace  ')).toBe('<b>Ada</b> Lovelace'); // text, never markup: React escapes it
    expect(cleanName('x'.repeat(100))).toHaveLength(24);
    expect(cleanName(42)).toBeNull();
    expect(normalCode(' abc234 ')).toBe('ABC234');
    expect(normalCode('ABC10O')).toBeNull();
  });
});

describe('update checks', () => {
  const f32 = (...v: number[]) => new Float32Array(v).buffer;
  it('accepts exactly `params` finite float32 values, from an ArrayBuffer or a Node Buffer', () => {
    expect(checkUpdate(f32(1, -2, 3), 3)).toMatchObject({ ok: true });
    const unaligned = Buffer.concat([Buffer.from([9]), Buffer.from(f32(1, 2, 3))]).subarray(1);
    const c = checkUpdate(unaligned, 3);
    expect(c.ok && [...c.delta]).toEqual([1, 2, 3]);
  });
  it('rejects NaN and infinities, naming the value', () => {
    expect(checkUpdate(f32(1, NaN, 3), 3)).toEqual({ ok: false, reason: 'value 1 is NaN: every value must be finite' });
    expect(checkUpdate(f32(1, 2, -Infinity), 3)).toMatchObject({ ok: false, reason: expect.stringContaining('value 2 is -Infinity') });
  });
  it('rejects a wrong length, an oversized payload and anything not binary', () => {
    expect(checkUpdate(f32(1, 2), 3)).toEqual({ ok: false, reason: 'wrong length: 2 values, expected 3' });
    expect(checkUpdate(new Uint8Array(11), 3)).toMatchObject({ ok: false, reason: expect.stringContaining('wrong length') });
    expect(checkUpdate(f32(1, 2, 3, 4), 3)).toEqual({ ok: false, reason: 'oversized: 16 bytes, at most 12' });
    expect(checkUpdate([1, 2, 3], 3)).toMatchObject({ ok: false, reason: 'the update is not binary float32 data' });
  });
  it('checks the attacker\'s settings field by field', () => {
    expect(checkAttackSettings({ boost: 3, round: 2, key: 'cross' }, 5)).toEqual({ boost: 3, round: 2, key: 'cross' });
    expect(checkAttackSettings({ boost: 3, round: 6, key: 'cross' }, 5)).toBeNull();
    expect(checkAttackSettings({ boost: NaN, round: 2, key: 'cross' }, 5)).toBeNull();
    expect(checkAttackSettings({ boost: 3, round: 2, key: '<script>' }, 5)).toBeNull();
  });
});

describe('rate limit', () => {
  it('allows a burst, then refills at the set rate', () => {
    let t = 0;
    const r = new RateLimit(2, 3, () => t);
    expect([r.take(), r.take(), r.take(), r.take()]).toEqual([true, true, true, false]);
    t = 400;
    expect(r.take()).toBe(false);
    t = 500;
    expect(r.take()).toBe(true);
  });
});
