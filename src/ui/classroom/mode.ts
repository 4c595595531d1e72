/** Which page this is: the lab (default), the classroom's teacher, or a student joining. */
export type PageMode = { kind: 'lab' } | { kind: 'teach' } | { kind: 'join'; code: string };

export function pageMode(search: string): PageMode {
  const q = new URLSearchParams(search);
  if (q.get('classroom') === 'teach') return { kind: 'teach' };
  if (q.has('join')) return { kind: 'join', code: (q.get('join') ?? '').slice(0, 6).toUpperCase() };
  return { kind: 'lab' };
}

/** The URL without the classroom's own parameters: what the lab's URL decoder reads (preset, set.…). */
export function labSearch(search: string): string {
  const q = new URLSearchParams(search);
  for (const k of ['classroom', 'join', 'timeout']) q.delete(k);
  const s = q.toString();
  return s ? `?${s}` : '';
}
