import { existsSync, readFileSync, writeFileSync } from 'node:fs';

const HEADER = [
  '# Results: the papers\' experiments, reproduced',
  '',
  'Each section below is written by the `npm run reproduce` command it names; do not edit them by hand, run the command again.',
  'Every attacked run is paired with its **benign twin**: the same seed, split, schedule and evaluation, with the attacker training honestly.',
  '',
].join('\n');

const begin = (name: string) => `<!-- begin ${name} -->`;
const end = (name: string) => `<!-- end ${name} -->`;

/**
 * Puts one reproduction's section into the results page, replacing its previous version and
 * keeping the other reproductions' sections as they are (each is rewritten only by its own run).
 * A new section goes before the first section on the page of a reproduction that comes after it
 * in `order` (the registry's), else at the end.
 */
export function upsertSection(path: string, name: string, body: string, order: readonly string[] = []): void {
  const page = existsSync(path) ? readFileSync(path, 'utf8') : HEADER;
  const block = `${begin(name)}\n${body.trim()}\n${end(name)}\n`;
  const from = page.indexOf(begin(name));
  const to = page.indexOf(end(name));
  if (from >= 0 && to > from) return writeFileSync(path, page.slice(0, from) + block + page.slice(to + end(name).length + 1));
  const later = order.slice(order.indexOf(name) + 1).map((n) => page.indexOf(begin(n))).filter((i) => i >= 0);
  const at = order.includes(name) && later.length ? Math.min(...later) : -1;
  writeFileSync(path, at >= 0 ? `${page.slice(0, at)}${block}\n${page.slice(at)}` : `${page.trimEnd()}\n\n${block}`);
}
