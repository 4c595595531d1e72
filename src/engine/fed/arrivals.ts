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
    let failed = 0;
    let done = false;
    const finishIfReady = () => {
      const others = arrived.filter((u) => !must.has(u.clientId)).length;
      const mustIn = arrived.length - others;
      if (done || mustIn < must.size || arrived.length < need) return;
      done = true;
      resolve(arrived.slice().sort((a, b) => a.clientId - b.clientId));
    };
    for (const p of pending) {
      p.update.then((u) => {
        if (done) return;
        // Past the quota only a must-wait user is still taken; an extra one is dropped.
        const others = arrived.filter((x) => !must.has(x.clientId)).length;
        if (must.has(p.id) || others < need - must.size) arrived.push(u);
        finishIfReady();
      }, (e: unknown) => {
        if (done) return;
        failed++;
        if (must.has(p.id) || pending.length - failed < need) { done = true; reject(e); }
      });
    }
    if (need === 0) { done = true; resolve([]); }
  });
}
