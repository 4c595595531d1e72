import { ConfigError, mergeConfig, parseConfig, setPath } from '../../engine/config/parse';
import { changedPaths, getPath } from '../../engine/config/paths';
import { isPresetName, presets, type PresetName } from '../../engine/config/presets';
import type { ExperimentConfig } from '../../engine/config/schema';

/**
 * The run in the address bar: `?preset=NAME&seed=N&set.a.b=VALUE…`, each `set.` one field that
 * differs from the preset (JSON values; plain strings may go unquoted). Decoding goes back
 * through parseConfig; a bad parameter is dropped with a message that names it.
 */
export const DEFAULT_PRESET: PresetName = 'classroom-demo';
/** Parameters that are not part of the config but travel with it. */
export const PASSTHROUGH = ['backend'] as const;

export interface UrlState {
  preset: PresetName;
  config: ExperimentConfig;
  /** Non-config parameters kept as given (e.g. backend=webgpu). */
  extra: Partial<Record<(typeof PASSTHROUGH)[number], string>>;
  /** What was wrong with the URL and what was used instead. */
  messages: string[];
}

export const presetConfig = (name: PresetName): ExperimentConfig => parseConfig(structuredClone(presets[name].config));

function encodeValue(v: unknown): string {
  if (typeof v === 'string') {
    try { JSON.parse(v); } catch { return v; } // e.g. "synthetic" reads back as a string without quotes
  }
  return JSON.stringify(v);
}

export function encodeConfigUrl(preset: PresetName, config: ExperimentConfig, extra: UrlState['extra'] = {}): string {
  const q = new URLSearchParams();
  q.set('preset', preset);
  const base = presetConfig(preset);
  if (config.seed !== base.seed) q.set('seed', String(config.seed));
  for (const path of withKinds(config, changedPaths(base, config))) {
    if (path === 'seed') continue;
    const v = getPath(config, path);
    if (v !== undefined) q.set(`set.${path}`, encodeValue(v));
  }
  for (const k of PASSTHROUGH) if (extra[k]) q.set(k, extra[k]!);
  return `?${q.toString()}`;
}

/**
 * A field inside a strategy object (`kind` + knobs) needs its `kind` alongside, or the knob
 * would be read against the preset's strategy: add each enclosing `….kind`, before its fields.
 */
function withKinds(config: ExperimentConfig, paths: string[]): string[] {
  const out: string[] = [];
  for (const path of paths) {
    const keys = path.split('.');
    for (let i = 1; i < keys.length; i++) {
      const kind = `${keys.slice(0, i).join('.')}.kind`;
      if (getPath(config, kind) !== undefined && !out.includes(kind)) out.push(kind);
    }
    if (!out.includes(path)) out.push(path);
  }
  return out;
}

const touches = (param: string, field: string) =>
  param === field || field.startsWith(`${param}.`) || param.startsWith(`${field}.`);

export function decodeConfigUrl(search: string): UrlState {
  const q = new URLSearchParams(search);
  const messages: string[] = [];
  const extra: UrlState['extra'] = {};
  for (const k of PASSTHROUGH) if (q.get(k)) extra[k] = q.get(k)!;

  let preset = DEFAULT_PRESET;
  const asked = q.get('preset');
  if (asked !== null) {
    if (isPresetName(asked)) preset = asked;
    else messages.push(`Unknown preset "${asked}" in the URL; using "${DEFAULT_PRESET}".`);
  }
  let sets: [string, string][] = [];
  if (q.has('seed')) sets.push(['seed', q.get('seed')!]);
  for (const [k, v] of q) if (k.startsWith('set.') && k.length > 4) sets.push([k.slice(4), v]);

  const base = structuredClone(presets[preset].config) as Record<string, unknown>;
  for (let attempt = 0; attempt <= sets.length; attempt++) {
    const patch: Record<string, unknown> = {};
    for (const [path, raw] of sets) setPath(patch, path, raw);
    try {
      return { preset, config: parseConfig(mergeConfig(base, patch)), extra, messages };
    } catch (e) {
      if (!(e instanceof ConfigError)) throw e;
      const bad = sets.filter(([path]) => e.issues.some((i) => i.field.split(', ').some((f) => touches(path, f))));
      const drop = bad.length ? bad : sets;
      for (const [path, raw] of drop) {
        const why = e.issues.filter((i) => i.field.split(', ').some((f) => touches(path, f))).map((i) => `${i.field}: ${i.message}`);
        messages.push(`URL parameter ${path === 'seed' ? 'seed' : `set.${path}`}=${raw} ignored (${why.length ? why.join('; ') : e.message.replace(/\n/g, '; ')}); using the preset's value.`);
      }
      sets = sets.filter((s) => !drop.includes(s));
    }
  }
  return { preset, config: presetConfig(preset), extra, messages };
}
