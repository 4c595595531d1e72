import type { ClientUpdate } from './client';

/** A selected user's training, under way. */
export interface Pending {
  id: number;
  update: Promise<ClientUpdate>;
}

/**
 * The server of Chen et al. section 2 on a real network: wait for every user in `mustWait`
 * (an attacker the selection policy forces in) and for the first `minUpdates` in all, in the
 * order their updates actually arrive; the rest are dropped when they come (their training still
 * finishes, so a late client is never left mid-round). The result is sorted by id. A user whose
 * training fails is skipped while enough others can still arrive; the round fails only when
 * fewer than `minUpdates` can.
 */
export function firstToArrive(pending: readonly Pending[], minUpdates: number, mustWait: readonly number[] = []): Promise<ClientUpdate[]> {
  const need = Math.min(minUpdates, pending.length);
  const must = new Set(mustWait.filter((id) => pending.some((p) => p.id === id)));
  return new Promise((resolve, reject) => {
    const arrived: ClientUpdate[] = [];
    // Updates taken from users that need not be waited for: at most the quota the must-wait ones leave.
    let others = 0, mustIn = 0, failed = 0, done = false;
    const finish = (f: () => void) => { done = true; f(); };
    for (const p of pending) {
      p.update.then((u) => {
        if (done) return;
        if (must.has(p.id)) mustIn++;
        else if (others < need - must.size) others++;
        else return; // past the quota: dropped
        arrived.push(u);
        if (mustIn === must.size && arrived.length >= need) finish(() => resolve(arrived.sort((x, y) => x.clientId - y.clientId)));
      }, (e: unknown) => {
        if (done) return;
        failed++;
        if (must.has(p.id) || pending.length - failed < need) finish(() => reject(e));
      });
    }
    if (need === 0) finish(() => resolve([]));
  });
}
