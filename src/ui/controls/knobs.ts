import { configFields, type FieldDoc } from '../../engine/config/fields';
import { getPath } from '../../engine/config/paths';
import type { ExperimentConfig } from '../../engine/config/schema';

/** A slider: the main knobs of the paper, each with a range that makes sense in a browser. */
export interface Knob {
  path: string;
  label: string;
  min: number | ((c: ExperimentConfig) => number);
  max: number | ((c: ExperimentConfig) => number);
  step: number;
  /** Slide over log10 of the value (learning rates). */
  log?: boolean;
  /** When several strategies have the field, the one offered while none of them is selected. */
  prefer?: string;
  group: string;
}

export interface ResolvedKnob extends Knob {
  /** The schema field, or null when the schema has no such field yet. */
  doc: FieldDoc | null;
  /** The field exists in this config (its strategy is the selected one). */
  active: boolean;
}

const KNOBS: (Knob & { match?: RegExp })[] = [
  { path: 'rounds', label: 'Rounds', min: 1, max: 200, step: 1, group: 'Run' },
  { path: 'federation.users', label: 'Users M (one worker each)', min: 1, max: 16, step: 1, group: 'Federation' },
  { path: 'federation.perRound', label: 'Users per round', min: 1, max: (c) => c.federation.users, step: 1, group: 'Federation' },
  { path: 'reptile.innerLr', label: 'Inner learning rate η', min: 1e-4, max: 0.1, step: 0.05, log: true, group: 'Learning' },
  { path: 'reptile.outerLr', label: 'Outer learning rate ε', min: 0.01, max: 1, step: 0.01, group: 'Learning' },
  { path: 'reptile.episodesPerRound', label: 'Episodes per round E', min: 5, max: 1000, step: 5, group: 'Learning' },
  { path: 'task.ways', label: 'Ways N', min: 2, max: 20, step: 1, group: 'Task' },
  { path: 'task.trainShots', label: 'Shots K (meta-training)', min: 1, max: 20, step: 1, group: 'Task' },
  { path: 'task.testShots', label: 'Shots K (meta-testing)', min: 1, max: 20, step: 1, group: 'Task' },
  // Attack and defense knobs: shown as soon as the schema has them (attack issue #5, defense issue #6).
  { path: '', match: /^attack\.(boost|lambda)$/, label: 'Boosting factor λ', min: 0, max: 100, step: 0.5, group: 'Attack', prefer: 'chen-backdoor' },
  { path: '', match: /^defense\.(.*\.)?delta$/, label: 'Defense δ (share of θ_G kept)', min: 0, max: 1, step: 0.05, group: 'Defense', prefer: 'matching' },
];

let fieldsCache: FieldDoc[] | null = null;
/** The schema's fields, one per path (a knob shared by several strategies is listed once). */
export function fieldDocs(): FieldDoc[] {
  if (!fieldsCache) {
    const seen = new Set<string>();
    fieldsCache = configFields().filter((f) => {
      const key = `${f.path}|${f.when?.kind ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  }
  return fieldsCache;
}

/** Does the field exist in this config (its strategy, if any, is the selected one)? */
export const fieldActive = (f: FieldDoc, c: ExperimentConfig): boolean =>
  (!f.when || getPath(c, `${f.when.path}.kind`) === f.when.kind) && (f.when ? true : getPath(c, f.path) !== undefined || f.path.endsWith('.kind'));

/**
 * The sliders for this config: every curated knob, bound to its schema field. A knob whose
 * strategy is not selected comes back inactive (with `doc.when` saying which one enables it),
 * and one the schema does not have yet comes back with `doc: null`.
 */
export function resolveKnobs(c: ExperimentConfig): ResolvedKnob[] {
  const docs = fieldDocs();
  const out: ResolvedKnob[] = [];
  for (const k of KNOBS) {
    const matches = k.match ? docs.filter((d) => k.match!.test(d.path)) : docs.filter((d) => d.path === k.path);
    const doc = matches.find((d) => fieldActive(d, c)) ?? matches.find((d) => d.when?.kind === k.prefer) ?? matches[0] ?? null;
    const path = doc?.path ?? k.label;
    if (out.some((o) => o.path === path)) continue;
    out.push({ ...k, path, doc, active: doc !== null && fieldActive(doc, c) });
  }
  return out;
}

/** Paths of every curated knob that could appear (active or not), so "All settings" skips them. */
export function knobPaths(): Set<string> {
  const docs = fieldDocs();
  return new Set(KNOBS.flatMap((k) => (k.match ? docs.filter((d) => k.match!.test(d.path)).map((d) => d.path) : [k.path])));
}

export const bound = (b: Knob['min'], c: ExperimentConfig): number => (typeof b === 'function' ? b(c) : b);
