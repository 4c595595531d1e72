import { checkConfigPath, knownPaths } from '../../engine/config/knownPaths';
import { ConfigError, mergeConfig, parseConfig, setPath } from '../../engine/config/parse';
import { changedPaths, getPath, leaves } from '../../engine/config/paths';
import { isPresetName, presets, type PresetName } from '../../engine/config/presets';
import type { ExperimentConfig } from '../../engine/config/schema';

/**
 * The run in the address bar: `?preset=NAME&seed=N&set.a.b=VALUE…`, each `set.` one field that
 * differs from the preset (JSON values; plain strings may go unquoted), and `paired=1` for a run
 * with its benign twin (not a config field: the engine runs one config at a time). A link is untrusted input
 * (docs/security.md): decoding checks each `set.` path against the schema before assigning it,
 * goes back through parseConfig, and drops a bad or unknown parameter with a message naming it.
 */
export const DEFAULT_PRESET: PresetName = 'classroom-demo';
/** Parameters that are not part of the config but travel with it. */
export const PASSTHROUGH = ['backend'] as const;

export interface UrlState {
  preset: PresetName;
  config: ExperimentConfig;
  /** Non-config parameters kept as given (e.g. backend=webgpu). */
  extra: Partial<Record<(typeof PASSTHROUGH)[number], string>>;
  /** Run the benign twin alongside (`paired=1`); off unless the URL says 1 or 0 exactly. */
  paired: boolean;
  /** What was wrong with the URL and what was used instead. */
  messages: string[];
}

/** Parameters this codec reads; anything else gets a message. */
const KNOWN_PARAMS: readonly string[] = ['preset', 'seed', 'paired', ...PASSTHROUGH];

/** Echo untrusted text in a message at a bounded length (React renders it as text, never HTML). */
export const clip = (s: string, max = 80): string => (s.length > max ? `${s.slice(0, max)}…` : s);

export const presetConfig = (name: PresetName): ExperimentConfig => parseConfig(structuredClone(presets[name].config));

function encodeValue(v: unknown): string {
  if (typeof v === 'string') {
    try { JSON.parse(v); } catch { return v; } // e.g. "synthetic" reads back as a string without quotes
  }
  return JSON.stringify(v);
}

export function encodeConfigUrl(preset: PresetName, config: ExperimentConfig, extra: UrlState['extra'] = {}, paired = false): string {
  const q = new URLSearchParams();
  q.set('preset', preset);
  const base = presetConfig(preset);
  if (config.seed !== base.seed) q.set('seed', String(config.seed));
  for (const path of withKinds(config, pathsToWrite(base, config), presets[preset].config)) {
    if (path === 'seed') continue;
    const v = getPath(config, path);
    if (v !== undefined) q.set(`set.${path}`, encodeValue(v));
  }
  if (paired) q.set('paired', '1');
  for (const k of PASSTHROUGH) if (extra[k]) q.set(k, extra[k]!);
  return `?${q.toString()}`;
}

/**
 * The fields that differ from the preset. A strategy whose kind differs is rebuilt from its kind
 * when the link is read (mergeConfig drops the old kind's knobs), so all its fields are written,
 * even those equal to the preset's (e.g. attack.scenario when attack.kind changes).
 */
function pathsToWrite(base: ExperimentConfig, config: ExperimentConfig): string[] {
  const changed = changedPaths(base, config);
  const rebuilt = changed.filter((p) => p.endsWith('.kind')).map((p) => p.slice(0, -'kind'.length));
  const inRebuilt = leaves(config).map(([p]) => p).filter((p) => rebuilt.some((s) => p.startsWith(s)) && !changed.includes(p));
  return [...changed, ...inRebuilt];
}

/**
 * A field inside a strategy object (`kind` + knobs) needs its `kind` alongside, or the knob
 * would be read against the preset's strategy: add each enclosing `….kind`, before its fields.
 * Where the preset writes that object without a kind (e.g. `model: { filters: 16 }`), reading
 * the kind back rebuilds the object from it alone (mergeConfig), so all its fields are written too.
 */
function withKinds(config: ExperimentConfig, paths: string[], preset: unknown): string[] {
  const out: string[] = [];
  const add = (p: string) => { if (!out.includes(p)) out.push(p); };
  for (const path of paths) {
    const keys = path.split('.');
    for (let i = 1; i < keys.length; i++) {
      const obj = keys.slice(0, i).join('.');
      if (getPath(config, `${obj}.kind`) === undefined || out.includes(`${obj}.kind`)) continue;
      add(`${obj}.kind`);
      const given = getPath(preset, obj);
      if (typeof given === 'object' && given !== null && !Object.hasOwn(given, 'kind'))
        for (const [p] of leaves(config)) if (p.startsWith(`${obj}.`)) add(p);
    }
    add(path);
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
  const pairedRaw = q.get('paired');
  const paired = pairedRaw === '1';
  if (pairedRaw !== null && pairedRaw !== '1' && pairedRaw !== '0')
    messages.push(`URL parameter paired=${clip(pairedRaw)} ignored (1 runs the benign twin alongside, 0 does not); the benign twin is off.`);

  let preset = DEFAULT_PRESET;
  const asked = q.get('preset');
  if (asked !== null) {
    if (isPresetName(asked)) preset = asked;
    else messages.push(`Unknown preset "${clip(asked)}" in the URL; using "${DEFAULT_PRESET}".`);
  }
  // Each `set.` parameter (and seed=), under the name it had in the URL, for the messages.
  let sets: { param: string; path: string; raw: string }[] = [];
  if (q.has('seed')) sets.push({ param: 'seed', path: 'seed', raw: q.get('seed')! });
  for (const [k, v] of q) {
    if (k.startsWith('set.')) {
      try {
        checkConfigPath(k.slice(4)); // before setPath assigns anything
        sets.push({ param: k, path: k.slice(4), raw: v });
      } catch (e) {
        if (!(e instanceof ConfigError)) throw e;
        messages.push(`URL parameter ${clip(k)}=${clip(v)} ignored (${clip(e.message, 400)}); using the preset's value.`);
      }
    } else if (!KNOWN_PARAMS.includes(k)) {
      const hint = knownPaths().has(k) ? `; did you mean set.${k}?` : '';
      messages.push(`Unknown URL parameter ${clip(k)}=${clip(v)} ignored (the URL holds preset, seed, paired, backend and set.<field>${hint}).`);
    }
  }

  const base = structuredClone(presets[preset].config) as Record<string, unknown>;
  // Each failed attempt drops at least one parameter (with a message), so this ends.
  for (;;) {
    const patch: Record<string, unknown> = {};
    for (const { path, raw } of sets) setPath(patch, path, raw);
    try {
      return { preset, config: parseConfig(mergeConfig(base, patch)), extra, paired, messages };
    } catch (e) {
      if (!(e instanceof ConfigError) || !sets.length) throw e; // a broken preset (schema.test.ts parses each)
      const about = (path: string) => e.issues.filter((i) => i.field.split(', ').some((f) => touches(path, f)));
      const bad = sets.filter(({ path }) => about(path).length);
      const drop = bad.length ? bad : sets;
      for (const { param, path, raw } of drop) {
        const why = about(path).map((i) => `${i.field}: ${i.message}`);
        messages.push(`URL parameter ${param}=${clip(raw)} ignored (${clip(why.length ? why.join('; ') : e.message.replace(/\n/g, '; '), 400)}); using the preset's value.`);
      }
      sets = sets.filter((s) => !drop.includes(s));
    }
  }
}
