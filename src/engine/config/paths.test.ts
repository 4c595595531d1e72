import { describe, expect, it } from 'vitest';
import { parseConfig } from './parse';
import { changedPaths, getPath, leaves, withPath } from './paths';
import { restartChanges } from './live';

describe('config paths', () => {
  it('gets, sets and lists leaves', () => {
    const o = { a: { b: 1, c: [1, 2] }, d: 'x' };
    expect(getPath(o, 'a.b')).toBe(1);
    expect(getPath(o, 'a.z.q')).toBeUndefined();
    expect(withPath(o, 'a.b', 5)).toEqual({ a: { b: 5, c: [1, 2] }, d: 'x' });
    expect(o.a.b).toBe(1);
    expect(leaves(o)).toEqual([['a.b', 1], ['a.c', [1, 2]], ['d', 'x']]);
    expect(changedPaths(o, withPath(o, 'e.f', true))).toEqual(['e.f']);
  });

  it('tells live changes from those needing a restart', () => {
    const a = parseConfig({});
    const b = parseConfig({ rounds: 9, reptile: { innerLr: 0.01 }, model: { filters: 8 }, task: { ways: 3, trainShots: 3 } });
    expect(restartChanges(a, b).sort()).toEqual(['model.filters', 'task.ways']);
    const attacked = parseConfig({ attack: { kind: 'chen-backdoor' } });
    const stronger = parseConfig({ attack: { kind: 'chen-backdoor', boost: 20, attacker: 1 } });
    expect(restartChanges(attacked, stronger)).toEqual(['attack.attacker']); // λ is live, the attacker's id is not
  });
});

describe('liveConfig', () => {
  it('takes live fields from the new config and keeps the rest', async () => {
    const { liveConfig } = await import('./live');
    const a = parseConfig({});
    const b = parseConfig({ rounds: 7, model: { filters: 8 }, federation: { users: 6 } });
    const l = liveConfig(a, b);
    expect(l.rounds).toBe(7);
    expect(l.model.filters).toBe(a.model.filters);
    expect(l.federation.users).toBe(a.federation.users);
    expect(l.federation.perRound).toBe(b.federation.perRound);
    expect(parseConfig(l)).toEqual(l); // still a valid config, with or without an attack
    const attacked = parseConfig({ attack: { kind: 'chen-backdoor', boost: 5 } });
    expect(parseConfig(liveConfig(attacked, parseConfig({ attack: { kind: 'chen-backdoor', boost: 9 } }))).attack).toMatchObject({ boost: 9 });
  });
});
