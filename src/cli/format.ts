import { configFields } from '../engine/config/fields';
import { presets } from '../engine/config/presets';

export function helpText(): string {
  const lines = [
    'Usage: npm run sim -- <preset | config.json> [options]',
    '',
    'Runs federated Reptile meta-learning headlessly and writes one JSON object per evaluation',
    'point (phase, round, metaTestAccuracy, mainTaskAccuracy, ...) to --out, or to stdout; with',
    'defense.fineTune, then one per benign user and fine-tuning checkpoint (phase "fine-tune").',
    'Progress and an ETA go to stderr.',
    '',
    'Options:',
    '  --out FILE          write the JSON lines here (created only once the config is valid)',
    '  --backend NAME      auto | wasm | cpu | webgl | webgpu (default auto: the fastest available)',
    '  --set key=value     override a config field, e.g. --set reptile.innerLr=0.01 (repeatable)',
    '  --init FILE         start from a saved model instead of a fresh initialisation',
    '  --checkpoint FILE   save the global model and round after every round',
    '  --resume            continue from --checkpoint FILE (same config) at the next round',
    '  --seeds N           run N seeds (seed, seed + 1, …) in worker threads; lines carry "seed",',
    '                      and one "summary" line per round gives each metric\'s mean and sd',
    '  --paired            also run each seed\'s benign twin (the attacker trains honestly);',
    '                      lines carry "series": "attacked" or "twin"',
    '  --quiet             no progress on stderr',
    '  --help              this text',
    '',
    'Presets:',
    ...Object.entries(presets).map(([k, p]) => `  ${k.padEnd(18)} ${p.description}`),
    '',
    'Config fields (default):',
    ...configFields().map((f) => `  ${f.path.padEnd(34)} ${f.type.padEnd(26)} ${f.default === undefined ? '' : JSON.stringify(f.default)}${f.description ? `  ${f.description}` : ''}`),
  ];
  return lines.join('\n');
}

export function formatDuration(ms: number): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}
