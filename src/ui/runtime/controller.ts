import { proxy, transfer } from 'comlink';
import { liveConfig, restartChanges } from '../../engine/config/live';
import { parseConfig } from '../../engine/config/parse';
import { presets, type PresetName } from '../../engine/config/presets';
import { LabError } from '../../engine/errors';
import type { RunEvents } from '../../workers/coordinatorSession';
import type { SampleRequest } from '../../workers/episodeView';
import { download } from '../export/download';
import { lab, labStore, roundsDone, runsTwin, type LabState, type WorkerInfo } from '../store/labStore';
import { presetConfig } from '../url/configUrl';
import { resolveCheckpoint, saveLast } from './checkpointStore';
import { can, transition, type RunEvent } from './runStates';
import { WorkerPool } from './workerPool';

/**
 * The intents that talk to workers: start, pause, resume, step, reset, save a checkpoint, show
 * data. Every await on a worker is guarded by the pool's failure promise, and a reset bumps the
 * generation so late answers from an old run are ignored: nothing waits forever. The run status
 * changes only through `move`, i.e. the transition table in runStates.ts.
 */
const get = labStore.getState;
const set = labStore.setState;

/** Fire a run event: the status the table gives, with the rest of the state change. */
function move(event: RunEvent, patch: Partial<Omit<LabState, 'status'>> = {}): void {
  set({ ...patch, status: transition(get().status, event) });
}

let pool: WorkerPool | null = null;
let poolKey = '';
/** Classroom mode's seats between the coordinator and the client workers (see WorkerPool's interpose). */
let interpose: ((id: number, port: MessagePort) => MessagePort) | undefined;
let generation = 0;

const datasetsUrl = () => new URL(`${import.meta.env.BASE_URL}datasets`, document.baseURI).href;

/**
 * The coordinator's stream. Events travel on their own channel, so one may land after the call
 * that produced it has answered; after a reset (status idle) late ones are dropped.
 */
const live = () => get().status !== 'idle';
const events: RunEvents = {
  onPoint: (p) => { if (live()) lab.addPoint(p); },
  onRound: (r) => { if (live()) lab.addReport(r); },
  onPhase: (e) => { if (live()) set({ phase: e.phase, phaseRound: e.round }); },
  onClient: (e) => lab.setWorker(`client ${e.clientId}`, { state: e.busy ? 'busy' : 'ready' }),
  onFineTune: (p) => { if (live()) lab.addFineTune(p); },
  onTwinPoint: (p) => { if (live()) lab.addTwinPoint(p); },
  onTwinRound: (r) => { if (live()) lab.addTwinReport(r); },
  onTwinFineTune: (p) => { if (live()) lab.addTwinFineTune(p); },
};

function workerList(users: number): WorkerInfo[] {
  return [
    { name: 'coordinator', clientId: null, state: 'starting', backend: null },
    ...Array.from({ length: users }, (_, i): WorkerInfo => ({ name: `client ${i}`, clientId: i, state: 'starting', backend: null })),
  ];
}

async function ensurePool(gen: number): Promise<WorkerPool> {
  const { config, backend } = get();
  const key = `${config.federation.users}|${backend}|${interpose ? 'seats' : ''}`;
  if (pool?.running && key === poolKey) return pool;
  pool?.terminate();
  pool = null;
  set({ workers: workerList(config.federation.users), phase: 'starting workers' });
  const p = await WorkerPool.create(config.federation.users, backend, {
    onBackend: (name, choice) => { if (gen === generation) lab.setWorker(name, { backend: choice, state: 'ready' }); },
    interpose,
    onRecovered: (n) => {
      if (gen !== generation) return;
      lab.setWorker(n.worker, { backend: n.backend, fellBack: n.reason });
      lab.message('warn', `${n.worker}: ${n.reason}${n.round === null ? '' : `; round ${n.round} was re-run from the same seed`}.`);
    },
  });
  if (gen !== generation) {
    p.terminate();
    throw new Stale();
  }
  await p.guard(p.coordinator.listen(proxy(events)));
  pool = p;
  poolKey = key;
  return p;
}

class Stale extends Error {}

/** Workers up and holding the current config's data and θ_G at round 0 (and the benign twin's, paired). */
async function ensurePrepared(gen: number): Promise<WorkerPool> {
  const s = get();
  if (pool?.running && s.prepared && restartChanges(s.prepared, s.config).length === 0 && s.prepareInfo?.twin === runsTwin(s)) return pool;
  const p = await ensurePool(gen);
  const config = get().config;
  const paired = runsTwin(get());
  set({ phase: 'loading data' });
  const checkpoint = config.init.kind === 'checkpoint' ? await resolveCheckpoint(config.init.source) : undefined;
  const info = await p.guard(p.coordinator.prepare(transfer({ config, datasetsUrl: datasetsUrl(), checkpoint, paired }, checkpoint ? [checkpoint.buffer] : [])));
  if (gen !== generation) throw new Stale();
  set({ prepared: config, prepareInfo: info, phase: 'ready' });
  return p;
}

function fail(e: unknown, gen: number): void {
  if (e instanceof Stale || gen !== generation) return;
  const text = e instanceof Error ? e.message : String(e);
  // The worker to blame: one that died (the pool's failure) or a client whose call failed.
  const culprit = e instanceof LabError ? e.source : undefined;
  pool?.terminate();
  pool = null;
  generation++;
  move('fail', {
    error: text,
    prepared: null,
    phase: 'stopped',
    timing: { ...get().timing, since: null },
    workers: get().workers.map((w) => ({ ...w, state: w.name === culprit ? 'error' : 'stopped' })),
  });
}

/** Send the live part of the config to a prepared coordinator (sliders during a run). */
function pushLive(): void {
  const { prepared, config } = get();
  if (!pool?.running || !prepared) return;
  let live;
  try {
    live = parseConfig(liveConfig(prepared, config));
  } catch (e) {
    console.warn('live settings wait for a restart:', (e as Error).message);
    return; // a combination that only makes sense after a restart; the sliders say so
  }
  void pool.guard(pool.coordinator.update(live)).catch(() => undefined);
}

labStore.subscribe((s, prev) => { if (s.config !== prev.config) pushLive(); });

async function go(mode: 'run' | 'step'): Promise<void> {
  const s = get();
  let p = pool;
  // Paused or done with the workers still holding the run: carry on. Otherwise start them.
  const resume = (s.status === 'paused' || s.status === 'done') && !!p?.running && !!s.prepared;
  if (!can(s.status, resume ? 'run' : 'start')) return; // already starting or running
  const gen = generation;
  try {
    if (!resume || !p) {
      if (s.status !== 'ready') lab.clearRun();
      move('start', { error: null });
      p = await ensurePrepared(gen);
    }
    pushLive();
    move('run', { phase: 'training', timing: { ...get().timing, since: Date.now() } });
    const r = await p.guard(p.coordinator.run(mode));
    if (gen !== generation) return;
    move(r.done ? 'finished' : 'paused', { phase: r.done ? 'finished' : 'paused', timing: { ...get().timing, since: null } });
  } catch (e) {
    const fallback = FALLBACK[get().preset];
    if (fallback && gen === generation && isMissingDataset(e)) {
      // The opening demo needs Omniglot; without `npm run datasets` it runs on synthetic glyphs.
      lab.message('info', `${(e as Error).message.split('.')[0]}. Switched to “${presets[fallback].title}”, which needs no download.`);
      move('reset', { prepared: null });
      lab.setConfig(presetConfig(fallback), fallback);
      return go(mode);
    }
    fail(e, gen);
  }
}

/** Presets that fall back to another when their dataset is not built. */
const FALLBACK: Partial<Record<PresetName, PresetName>> = { 'classroom-demo': 'classroom-synthetic' };
const isMissingDataset = (e: unknown): boolean => e instanceof LabError && e.code === 'dataset-missing';

/** Ask the prepared coordinator something, preparing the workers first when idle. */
async function withPrepared<T>(f: (p: WorkerPool) => Promise<T>): Promise<T> {
  const gen = generation;
  const s = get();
  let p = pool;
  const cold = !p?.running || !s.prepared;
  // Refused outside the try: the refusal must not fail the run that is starting.
  if (cold && !can(s.status, 'start')) throw new Error('the run is starting; try again in a moment');
  try {
    if (cold || !p) {
      move('start', { error: null });
      p = await ensurePrepared(gen);
      move('prepared');
    }
    return await p.guard(f(p));
  } catch (e) {
    if (get().status === 'starting') fail(e, gen);
    throw e;
  }
}

export const controller = {
  /** Classroom mode: every new pool's clients go through `f` (null: straight to the workers). */
  interposeClients(f: ((id: number, port: MessagePort) => MessagePort) | null): void {
    interpose = f ?? undefined;
  },
  start: () => go('run'),
  resume: () => go('run'),
  step: () => go('step'),
  pause(): void {
    if (!can(get().status, 'pause') || !pool) return;
    move('pause', { phase: 'pausing after this round' });
    void pool.coordinator.pause();
  },
  /** Back to round 0. Workers that are idle are kept (and get fresh data); busy ones are stopped. */
  reset(): void {
    generation++;
    const { status } = get();
    if (status === 'starting' || status === 'running' || status === 'pausing' || status === 'error') {
      pool?.terminate();
      pool = null;
    }
    lab.clearRun();
    move('reset', {
      prepared: null,
      prepareInfo: null,
      workers: pool?.running ? get().workers.map((w) => ({ ...w, state: 'ready' as const })) : [],
    });
  },
  /** Reset, then start with the current settings (after an error, or to apply restart-only changes). */
  restart(): Promise<void> {
    controller.reset();
    return go('run');
  },
  async saveCheckpoint(): Promise<void> {
    const p = pool;
    const s = get();
    if (!p?.running || !s.prepared) throw new Error('start a run first: there is no global model yet');
    const round = roundsDone(s);
    const last = s.points[s.points.length - 1];
    const bytes = await p.guard(p.coordinator.checkpoint({ metaTestAccuracy: last?.metaTestAccuracy, preset: s.preset }));
    const name = `backdoor-lab-${s.config.dataset.name}-round${round}.ckpt`;
    download(name, bytes as Uint8Array<ArrayBuffer>);
    await saveLast({ name, savedAt: Date.now(), bytes }).catch((e) => lab.message('warn', `Could not keep the checkpoint in this browser: ${(e as Error).message}`));
  },
  /** A sample episode for the data panel. */
  sample: (req: SampleRequest) => withPrepared((p) => p.coordinator.sample(req)),
  /** The attack's data for the data panel (null without an attack). */
  backdoor: () => withPrepared((p) => p.coordinator.backdoor()),
  /** Test and demo hook (window.backdoorLab.crashClient). */
  crashClient(id: number): void {
    pool?.crashClient(id);
  },
  /** Test and demo hook (window.backdoorLab.controller.loseDevice): false when no workers run. */
  loseDevice(id: number): Promise<boolean> {
    return pool?.running ? pool.loseDevice(id) : Promise.resolve(false);
  },
};
