import { describe, expect, it } from 'vitest';
import { parseConfig } from '../config/parse';
import type { ClientUpdate, FederatedClient } from '../fed/client';
import { Coordinator } from '../fed/coordinator';
import { attackPhase, isScheduled } from '../config/schedule';
import { attackSelection, roster } from './selection';

const chen = (attack: object = {}, federation: object = {}) =>
  parseConfig({ rounds: 6, federation: { users: 4, perRound: 3, minUpdates: 3, ...federation }, attack: { kind: 'chen-backdoor', ...attack } });

describe('attack schedule', () => {
  it('single-shot, multi-shot and explicit rounds', () => {
    const scheduleOf = (s: object) => {
      const a = chen({ schedule: s }).attack;
      if (a.kind === 'none') throw new Error('expected an attack');
      return a.schedule;
    };
    const rounds = (s: object) => [1, 2, 3, 4, 5, 6, 7].filter((t) => isScheduled(scheduleOf(s), t));
    expect(rounds({ kind: 'single-shot' })).toEqual([1]);
    expect(rounds({ kind: 'single-shot', round: 4 })).toEqual([4]);
    expect(rounds({ kind: 'multi-shot', from: 2, every: 2 })).toEqual([2, 4, 6]);
    expect(rounds({ kind: 'multi-shot', from: 3, until: 5 })).toEqual([3, 4, 5]);
    expect(rounds({ kind: 'rounds', rounds: [5, 2] })).toEqual([2, 5]);
  });
  it('names the phase of each round', () => {
    const c = chen({ schedule: { kind: 'single-shot', round: 3 } });
    expect([1, 2, 3, 4].map((t) => attackPhase(c, t))).toEqual(['pretrain', 'pretrain', 'attack', 'post-attack']);
    expect(attackPhase(parseConfig({}), 1)).toBeNull();
  });
  it('keeps the attacker out of benign rounds and forces it in at attack rounds', () => {
    const c = chen({ schedule: { kind: 'single-shot', round: 2 } });
    expect(roster(c, 1, [0, 1, 2, 3])).toEqual({ eligible: [1, 2, 3], forced: [] });
    expect(roster(c, 2, [0, 1, 2, 3])).toEqual({ eligible: [1, 2, 3], forced: [0] });
    expect(roster(chen({ betweenAttacks: 'benign' }), 3, [0, 1, 2, 3])).toEqual({ eligible: [0, 1, 2, 3], forced: [] });
    expect(roster(parseConfig({}), 1, [0, 1, 2, 3])).toEqual({ eligible: [0, 1, 2, 3], forced: [] });
  });
  it("with betweenAttacks 'selected' forces the attacker in every round, before, at and after its one attack (Zhou's SA_t)", () => {
    const c = chen({ schedule: { kind: 'single-shot', round: 2 }, betweenAttacks: 'selected' });
    for (const t of [1, 2, 3]) expect(roster(c, t, [0, 1, 2, 3])).toEqual({ eligible: [1, 2, 3], forced: [0] });
    expect([1, 2, 3].map((t) => attackSelection.attackersIn(c, t, [0, 1, 2]))).toEqual([[], [0], []]);
  });
});

describe('coordinator under an attack schedule', () => {
  const fake = (id: number): FederatedClient => ({
    id,
    async train(): Promise<ClientUpdate> { return { clientId: id, delta: Float32Array.from([id]), numExamples: 1 }; },
    configure() {},
    dispose() {},
  });
  it('selects only benign users before the attack and applies the attacker at its round, even when M_min < M_round', async () => {
    const c = chen({ attacker: 2, schedule: { kind: 'single-shot', round: 3 } }, { users: 5, perRound: 3, minUpdates: 2 });
    const coord = new Coordinator([0, 1, 2, 3, 4].map(fake), c, new Float32Array(1), undefined, attackSelection);
    for (let t = 1; t <= 5; t++) {
      const r = await coord.round(t);
      if (t === 3) {
        expect(r.selected).toContain(2);
        expect(r.applied).toContain(2);
        expect(r.attackers).toEqual([2]);
      } else {
        expect(r.selected).not.toContain(2);
        expect(r.attackers).toEqual([]);
      }
      expect(r.selected).toHaveLength(3);
      expect(r.applied).toHaveLength(2);
    }
  });

  it('sends every applied user θ_G and, from the second round, the θ_G of the round before', async () => {
    const c = chen({ attacker: 2, schedule: { kind: 'single-shot', round: 2 }, betweenAttacks: 'selected' }, { users: 5, perRound: 3, minUpdates: 2 });
    const sent: { id: number; round: number; weights: number; previous?: number }[] = [];
    const recording = (id: number): FederatedClient => ({
      ...fake(id),
      async train(req) {
        sent.push({ id, round: req.round, weights: req.weights[0], ...(req.previous ? { previous: req.previous[0] } : {}) });
        return { clientId: id, delta: Float32Array.from([id]), numExamples: 1 };
      },
    });
    const coord = new Coordinator([0, 1, 2, 3, 4].map(recording), c, new Float32Array(1), undefined, attackSelection);
    const globals = [coord.global[0]];
    for (let t = 1; t <= 3; t++) {
      const r = await coord.round(t);
      expect(r.applied).toContain(2); // selected and applied every round, not only at its attack
      globals.push(coord.global[0]);
    }
    for (const s of sent) {
      expect(s.weights).toBe(globals[s.round - 1]);
      expect(s.previous).toBe(s.round === 1 ? undefined : globals[s.round - 2]);
    }
    expect(sent.filter((s) => s.id === 2).map((s) => s.round)).toEqual([1, 2, 3]);
  });
});
