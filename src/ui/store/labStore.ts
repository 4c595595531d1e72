import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import { ConfigError, parseConfig } from '../../engine/config/parse';
import { checkConfigPath } from '../../engine/config/knownPaths';
import { withPath } from '../../engine/config/paths';
import type { PresetName } from '../../engine/config/presets';
import type { ExperimentConfig } from '../../engine/config/schema';
import type { BackendChoice, BackendPreference } from '../../engine/backend/initBackend';
import type { RoundReport } from '../../engine/fed/coordinator';
import type { FineTunePoint } from '../../engine/defense/phase';
import type { MetricPoint } from '../../engine/experiment/run';
import type { PrepareInfo } from '../../workers/coordinatorSession';
import { presetConfig } from '../url/configUrl';
import { reconcile } from './coupled';
import { emptySeries, withFineTune, withPoint, withReport, type RunSeries } from './series';

export type RunStatus = 'idle' | 'starting' | 'ready' | 'running' | 'pausing' | 'paused' | 'done' | 'error';

export interface WorkerInfo {
  /** "coordinator" or "client 3". */
  name: string;
  clientId: number | null;
  state: 'starting' | 'ready' | 'busy' | 'error' | 'stopped';
  backend: BackendChoice | null;
  /** Why it re-initialised its backend mid-run (a lost GPU device), if it did. */
  fellBack?: string;
}

export interface Message {
  id: number;
  level: 'info' | 'warn' | 'error';
  text: string;
}

export interface LabState {
  preset: PresetName;
  /** What the controls show; always valid. */
  config: ExperimentConfig;
  /** The config the workers hold (restart-only fields come from here), or null. */
  prepared: ExperimentConfig | null;
  prepareInfo: PrepareInfo | null;
  backend: BackendPreference;
  /** Run the benign twin alongside (a paired run; only with an attack). Restart-only, in the URL as `paired=1`. */
  paired: boolean;
  /** The last rejected value per field (shown next to its control). */
  fieldErrors: Record<string, string>;
  messages: Message[];
  status: RunStatus;
  /** Human-readable: "loading data", "training", "evaluating". */
  phase: string;
  /** Round the phase refers to. */
  phaseRound: number;
  error: string | null;
  points: MetricPoint[];
  reports: RoundReport[];
  /** Benign users' fine-tuning curves after the last round (defense.fineTune). */
  fineTune: FineTunePoint[];
  /** The benign twin's series in a paired run (empty otherwise), kept apart from the run's. */
  twin: RunSeries;
  workers: WorkerInfo[];
  /** Wall time of the rounds run so far (for the ETA) and when the current stretch began. */
  timing: { rounds: number; ms: number; since: number | null };
}

export const initialLabState = (preset: PresetName, config: ExperimentConfig, backend: BackendPreference = 'auto'): LabState => ({
  preset,
  config,
  prepared: null,
  prepareInfo: null,
  backend,
  paired: false,
  fieldErrors: {},
  messages: [],
  status: 'idle',
  phase: '',
  phaseRound: 0,
  error: null,
  points: [],
  reports: [],
  fineTune: [],
  twin: emptySeries(),
  workers: [],
  timing: { rounds: 0, ms: 0, since: null },
});

export const labStore = createStore<LabState>()(() => initialLabState('classroom-demo', presetConfig('classroom-demo')));

export const useLab = <T>(selector: (s: LabState) => T): T => useStore(labStore, selector);

const set = labStore.setState;
const get = labStore.getState;
let nextMessageId = 1;

/** Pure-ish intents on the store; the ones that talk to workers live in runtime/controller.ts. */
export const lab = {
  /** Try a new value for one field; invalid values are reported against the field and not applied. */
  setField(path: string, value: unknown): boolean {
    const prev = get().config;
    try {
      checkConfigPath(path); // the path may come from a peer one day: known fields only
      const config = parseConfig(reconcile(prev, withPath(prev, path, value), path));
      const { [path]: _, ...rest } = get().fieldErrors;
      set({ config, fieldErrors: rest });
      return true;
    } catch (e) {
      const msg = e instanceof ConfigError ? e.issues.map((i) => (i.field === path ? i.message : `${i.field}: ${i.message}`)).join('; ') : (e as Error).message;
      set({ fieldErrors: { ...get().fieldErrors, [path]: msg } });
      return false;
    }
  },
  setConfig(config: ExperimentConfig, preset?: PresetName): void {
    set({ config, fieldErrors: {}, ...(preset ? { preset } : {}) });
  },
  message(level: Message['level'], text: string): void {
    set({ messages: [...get().messages, { id: nextMessageId++, level, text }] });
  },
  dismiss(id: number): void {
    set({ messages: get().messages.filter((m) => m.id !== id) });
  },
  setPaired(paired: boolean): void {
    set({ paired });
  },
  /** A metric point; a repeated round (re-evaluated after a pause) replaces the earlier one. */
  addPoint(p: MetricPoint): void {
    set({ points: withPoint(get().points, p) });
  },
  addReport(r: RoundReport, now = Date.now()): void {
    const t = get().timing;
    const timing = t.since === null ? t : { rounds: t.rounds + 1, ms: t.ms + (now - t.since), since: now };
    set({ reports: withReport(get().reports, r), timing });
  },
  /** A fine-tuning curve point; a repeat of (user, iteration) replaces the earlier one. */
  addFineTune(p: FineTunePoint): void {
    set({ fineTune: withFineTune(get().fineTune, p) });
  },
  /** The benign twin's stream, under the same rules as the run's (the ETA follows the run only). */
  addTwinPoint(p: MetricPoint): void {
    set({ twin: { ...get().twin, points: withPoint(get().twin.points, p) } });
  },
  addTwinReport(r: RoundReport): void {
    set({ twin: { ...get().twin, reports: withReport(get().twin.reports, r) } });
  },
  addTwinFineTune(p: FineTunePoint): void {
    set({ twin: { ...get().twin, fineTune: withFineTune(get().twin.fineTune, p) } });
  },
  setWorker(name: string, patch: Partial<WorkerInfo>): void {
    set({ workers: get().workers.map((w) => (w.name === name ? { ...w, ...patch } : w)) });
  },
  clearRun(): void {
    set({ points: [], reports: [], fineTune: [], twin: emptySeries(), error: null, phase: '', phaseRound: 0, timing: { rounds: 0, ms: 0, since: null } });
  },
};

/** Whether a run started now runs the benign twin too: paired, and the config has an attack to twin. */
export const runsTwin = (s: Pick<LabState, 'paired' | 'config'>): boolean => s.paired && s.config.attack.kind !== 'none';

/** The last round reported so far (0 before any). */
export const roundsDone = (s: Pick<LabState, 'reports'>): number => s.reports.reduce((m, r) => Math.max(m, r.round), 0);

/** Milliseconds left at the pace so far, or null before the first timed round. */
export function etaMs(s: Pick<LabState, 'timing' | 'config' | 'reports'>): number | null {
  if (s.timing.rounds === 0) return null;
  return (s.timing.ms / s.timing.rounds) * Math.max(0, s.config.rounds - roundsDone(s));
}
