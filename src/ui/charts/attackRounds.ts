import { leaves } from '../../engine/config/paths';
import type { ExperimentConfig } from '../../engine/config/schema';
import type { MetricPoint } from '../../engine/sim/run';

/**
 * Rounds at which the attacker strikes, for the charts' marker: taken from the attack section's
 * round schedule (any `round` / `rounds` / `…Round(s)` field) and from points that say so.
 */
export function attackRounds(config: ExperimentConfig, points: readonly MetricPoint[] = []): number[] {
  const attack = (config as unknown as Record<string, unknown>).attack as Record<string, unknown> | undefined;
  const out = new Set<number>();
  if (attack && attack.kind !== 'none') {
    for (const [path, v] of leaves(attack)) {
      if (!/(^|\.)(\w*[rR]ounds?)$/.test(path) || /every|after|persist/i.test(path)) continue;
      for (const r of Array.isArray(v) ? v : [v]) if (typeof r === 'number' && Number.isInteger(r) && r >= 0) out.add(r);
    }
  }
  for (const p of points) {
    const q = p as MetricPoint & { attacked?: boolean; attackers?: number[] };
    if (q.attacked || (q.attackers && q.attackers.length)) out.add(p.round);
  }
  return [...out].sort((a, b) => a - b);
}
