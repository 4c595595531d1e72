import type { ExperimentConfig, ScheduleConfig } from './schema';

/**
 * When the attacker strikes, and whom the server may select around it. Before the first attack
 * round the federation is benign (pre-training); at attack rounds the attacker is among the
 * selected and applied users; in between and after, it is left out (Chen: selected exactly once)
 * or takes part honestly (`betweenAttacks: 'benign'`, Zhou's SA_t / MA_t).
 */
export type AttackPhase = 'pretrain' | 'attack' | 'post-attack';

export function isScheduled(s: ScheduleConfig, t: number): boolean {
  switch (s.kind) {
    case 'single-shot': return t === s.round;
    case 'multi-shot': return t >= s.from && (t - s.from) % s.every === 0 && (s.until === undefined || t <= s.until);
    case 'rounds': return s.rounds.includes(t);
  }
}

export const firstAttackRound = (s: ScheduleConfig): number =>
  s.kind === 'single-shot' ? s.round : s.kind === 'multi-shot' ? s.from : Math.min(...s.rounds);

/** Whether round t is an attack round of this config (never without an attack). */
export const isAttackRound = (c: ExperimentConfig, t: number): boolean =>
  c.attack.kind !== 'none' && isScheduled(c.attack.schedule, t);

/** The phase of round t; null without an attack. */
export function attackPhase(c: ExperimentConfig, t: number): AttackPhase | null {
  if (c.attack.kind === 'none') return null;
  if (isScheduled(c.attack.schedule, t)) return 'attack';
  return t < firstAttackRound(c.attack.schedule) ? 'pretrain' : 'post-attack';
}
