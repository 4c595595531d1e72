import { ConfigError, mergeConfig, parseConfig, setPath } from '../engine/config/parse';
import { isPresetName, presets } from '../engine/config/presets';
import type { ExperimentConfig } from '../engine/config/schema';

export interface SimArgs {
  help: boolean;
  /** Preset name or path of a config JSON file. */
  source?: string;
  out?: string;
  backend: string;
  sets: [string, string][];
  /** Save θ_G (and the round) here after every round; resume from it with --resume. */
  checkpoint?: string;
  resume: boolean;
  /** Start from a saved model (same as --set init.kind=checkpoint --set init.source=FILE). */
  init?: string;
  quiet: boolean;
  /** Run this many seeds (config.seed, +1, …) in worker threads and summarise them. */
  seeds: number;
  /** Run each seed's benign twin too (the attacker training honestly). */
  paired: boolean;
}

export class UsageError extends Error {}

export function parseArgs(argv: readonly string[]): SimArgs {
  const a: SimArgs = { help: false, backend: 'auto', sets: [], resume: false, quiet: false, seeds: 1, paired: false };
  const value = (i: number, flag: string) => {
    const v = argv[i + 1];
    if (v === undefined || v.startsWith('--')) throw new UsageError(`${flag} needs a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    switch (arg) {
      case '-h': case '--help': a.help = true; break;
      case '--out': a.out = value(i++, arg); break;
      case '--backend': a.backend = value(i++, arg); break;
      case '--checkpoint': a.checkpoint = value(i++, arg); break;
      case '--init': a.init = value(i++, arg); break;
      case '--resume': a.resume = true; break;
      case '--quiet': a.quiet = true; break;
      case '--paired': a.paired = true; break;
      case '--seeds': {
        const v = value(i++, arg);
        a.seeds = Number(v);
        if (!Number.isInteger(a.seeds) || a.seeds < 1 || a.seeds > 100) throw new UsageError(`--seeds expects a whole number from 1 to 100, got "${v}"`);
        break;
      }
      case '--set': {
        const kv = value(i++, arg);
        const eq = kv.indexOf('=');
        if (eq < 1) throw new UsageError(`--set expects key=value, got "${kv}"`);
        a.sets.push([kv.slice(0, eq), kv.slice(eq + 1)]);
        break;
      }
      default:
        if (arg.startsWith('--')) throw new UsageError(`unknown option ${arg} (see --help)`);
        if (a.source) throw new UsageError(`one preset or config file, got "${a.source}" and "${arg}"`);
        a.source = arg;
    }
  }
  if (a.resume && !a.checkpoint) throw new UsageError('--resume needs --checkpoint FILE');
  if ((a.seeds > 1 || a.paired) && a.checkpoint) throw new UsageError('--checkpoint and --resume are for a single run, not with --seeds or --paired');
  return a;
}

/**
 * Preset or file contents, then --init, then --set overrides, validated by the one schema.
 * Every failure here is bad input (a UsageError or a ConfigError naming the field), or a
 * file-system error for the config file; `inputError` maps them to exit 2.
 */
export function resolveConfig(a: SimArgs, readJson: (path: string) => unknown): ExperimentConfig {
  let raw: unknown = {};
  if (a.source) raw = isPresetName(a.source) ? structuredClone(presets[a.source].config) : readConfigFile(a.source, readJson);
  const patch: Record<string, unknown> = {};
  if (a.init) patch.init = { kind: 'checkpoint', source: a.init };
  for (const [k, v] of a.sets) setPath(patch, k, v);
  return parseConfig(mergeConfig(raw, patch));
}

function readConfigFile(path: string, readJson: (path: string) => unknown): unknown {
  let raw: unknown;
  try {
    raw = readJson(path);
  } catch (e) {
    if (e instanceof SyntaxError) throw new UsageError(`${path} is not JSON (${e.message})`);
    throw e;
  }
  // Without this, `[]` or `42` would merge into an empty patch and run the defaults.
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new ConfigError([{ field: '(root)', message: `${path} must hold one JSON object of config fields, got ${Array.isArray(raw) ? 'an array' : raw === null ? 'null' : typeof raw}` }]);
  return raw;
}

/** File-system errors on the config file that are the user's to fix. */
const INPUT_FILE_ERRORS = ['ENOENT', 'EISDIR', 'EACCES', 'ENOTDIR'];

/** The message for bad input (usage, config, unreadable config file: exit 2), or undefined for anything else. */
export function inputError(e: unknown): string | undefined {
  if (e instanceof ConfigError) return `error: invalid config\n  ${e.message.split('\n').join('\n  ')}`;
  if (e instanceof UsageError || e instanceof SyntaxError) return `error: ${e.message}`;
  const code = typeof e === 'object' && e !== null ? (e as { code?: unknown }).code : undefined;
  if (typeof code === 'string' && INPUT_FILE_ERRORS.includes(code)) return `error: ${(e as Error).message}`;
  return undefined;
}
