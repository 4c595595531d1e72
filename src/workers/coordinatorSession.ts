import { transfer, type Remote } from 'comlink';
import type { ExperimentConfig } from '../engine/config/schema';
import { datasetForConfig } from '../engine/data/forConfig';
import { fetchDataset } from './fetchDataset';
import type { ImageDataset } from '../engine/data/types';
import type { FineTunePoint } from '../engine/defense/phase';
import type { RoundReport } from '../engine/fed/coordinator';
import { decodeCheckpoint, encodeCheckpoint } from '../engine/model/checkpoint';
import { setupExperiment } from '../engine/experiment/experiment';
import type { MetricPoint } from '../engine/experiment/run';
import type { ExperimentEvent } from '../engine/experiment/runExperiment';
import type { Setup } from '../engine/learners/types';
import type { ClientApi } from './client.worker';
import { LaneRun } from './laneRun';
import { userPayload } from './userData';
import { backdoorView, type BackdoorView } from './backdoorView';
import { sampleEpisodeView, type EpisodeView, type SampleRequest } from './episodeView';

export type Phase = 'training' | 'evaluating' | 'fine-tuning';

/** What the coordinator streams to the main thread while it runs. */
export interface RunEvents {
  onPoint(p: MetricPoint): void;
  onRound(r: RoundReport): void;
  onPhase(e: { phase: Phase; round: number }): void;
  onClient(e: { clientId: number; round: number; busy: boolean }): void;
  /** A point of a benign user's fine-tuning curve (defense.fineTune, after the last round). */
  onFineTune(p: FineTunePoint): void;
  /** The benign twin's points, rounds and fine-tuning curves in a paired run (its own series). */
  onTwinPoint(p: MetricPoint): void;
  onTwinRound(r: RoundReport): void;
  onTwinFineTune(p: FineTunePoint): void;
}

export interface PrepareOptions {
  config: ExperimentConfig;
  /** Absolute URL of the built datasets folder (public/datasets). */
  datasetsUrl: string;
  /** A saved global model to start from (config.init.kind === 'checkpoint'). */
  checkpoint?: Uint8Array;
  /** Also run the benign twin (config/twin.ts) on a second client per worker; ignored without an attack. */
  paired?: boolean;
}

export interface PrepareInfo {
  dataset: string;
  classes: number;
  params: number;
  users: { id: number; classes: number; images: number }[];
  metaTestClasses: number;
  from: 'scratch' | 'checkpoint';
  /** Whether the workers hold the benign twin too (a paired run of an attacked config). */
  twin: boolean;
}

export interface RunResult {
  /** The next round to run (rounds + 1 when finished). */
  nextRound: number;
  /** All rounds run, and the fine-tuning phase too when the config has one. */
  done: boolean;
}

/**
 * The server side of a browser run: loads the data, gives each client worker only its slice,
 * then drives runExperiment with pause / step / live config, keeping θ_G between calls. A paired
 * run drives the benign twin alongside, on a second client in each worker, from the same seed;
 * a pause stops both between rounds.
 */
export class CoordinatorSession {
  private remotes: Remote<ClientApi>[] = [];
  private ds: ImageDataset | null = null;
  private setup: Setup | null = null;
  private config: ExperimentConfig | null = null;
  private main: LaneRun | null = null;
  private twin: LaneRun | null = null;
  private running = false;
  /** Aborts the run in progress between rounds (set while one runs). */
  private pauseRun: (() => void) | null = null;
  private events: Partial<RunEvents> = {};

  connect(remotes: Remote<ClientApi>[]): void {
    this.remotes = remotes;
  }

  listen(events: RunEvents): void {
    this.events = events;
  }

  async prepare(o: PrepareOptions): Promise<PrepareInfo> {
    if (this.remotes.length !== o.config.federation.users)
      throw new Error(`${this.remotes.length} client workers are connected but the config has ${o.config.federation.users} users`);
    const ds = await datasetForConfig(o.config, (name) => fetchDataset(o.datasetsUrl, name));
    const setup = setupExperiment(o.config, ds, o.checkpoint ? decodeCheckpoint(o.checkpoint) : undefined);
    const twin = o.paired ? LaneRun.configFor('twin', o.config) : null;
    const images: number[] = [];
    await Promise.all(this.remotes.map(async (remote, id) => {
      // The twin's client gets its own copy: the same user, the same data, its own state.
      for (const [lane, config] of twin ? [['attacked', o.config], ['twin', twin]] as const : [['attacked', o.config]] as const) {
        const { data, own, backdoor } = userPayload(setup, config, ds, id);
        images[id] = data.images.length / (data.width * data.height * (data.channels ?? 1));
        await remote.setup(transfer({ id, config, data, refs: own, backdoor, model: setup.model, spec: setup.spec }, [data.images.buffer]), lane);
      }
    }));
    this.ds = ds;
    this.setup = setup;
    this.config = o.config;
    this.main = new LaneRun('attacked', o.config, setup.initial);
    this.twin = twin ? new LaneRun('twin', o.config, setup.initial.slice()) : null;
    return {
      dataset: ds.name,
      classes: ds.classes.length,
      params: setup.initial.length,
      users: setup.split.users.map((refs, id) => ({ id, classes: refs.length, images: images[id] })),
      metaTestClasses: setup.split.metaTest.length,
      from: o.checkpoint ? 'checkpoint' : 'scratch',
      twin: twin !== null,
    };
  }

  /** Live settings (fields that need no restart); read by the run between rounds. */
  update(config: ExperimentConfig): void {
    this.config = config;
  }

  pause(): void {
    this.pauseRun?.();
  }

  /** Runs to the end, until paused, or ('step') one round; resolves where it stopped. */
  async run(mode: 'run' | 'step'): Promise<RunResult> {
    const { ds, setup, main } = this.need();
    if (this.running) throw new Error('the run is already going');
    this.running = true;
    const pause = new AbortController();
    this.pauseRun = () => pause.abort();
    const emit = <K extends keyof RunEvents>(k: K, arg: Parameters<RunEvents[K]>[0]) => {
      const f = this.events[k] as ((a: typeof arg) => unknown) | undefined;
      if (f) void Promise.resolve(f(arg)).catch(() => undefined);
    };
    const step = { ds, setup, remotes: this.remotes, live: () => this.config!, signal: pause.signal, mode };
    const attacked = main.run({
      ...step,
      activity: {
        onTrainStart: (clientId, round) => {
          emit('onPhase', { phase: 'training', round });
          emit('onClient', { clientId, round, busy: true });
        },
        onTrainEnd: (clientId, round) => emit('onClient', { clientId, round, busy: false }),
      },
    }, (e) => {
      if (e.type === 'point') emit('onPoint', e.point);
      else if (e.type === 'round') emit('onRound', e.report);
      else if (e.type === 'phase') emit('onPhase', e);
      else emit('onFineTune', e.point);
    });
    // The twin's phases and client activity stay off the progress line: it shows the run.
    const twin = this.twin?.run(step, (e: ExperimentEvent) => {
      if (e.type === 'point') emit('onTwinPoint', e.point);
      else if (e.type === 'round') emit('onTwinRound', e.report);
      else if (e.type === 'fine-tune') emit('onTwinFineTune', e.point);
    });
    try {
      // One failing stops the other at its next round; the call ends once neither is running.
      const results = await Promise.allSettled([attacked, twin].map((p) => p?.catch((e: unknown) => { pause.abort(); throw e; })));
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
      const [r, t] = results.map((x) => (x.status === 'fulfilled' ? x.value : undefined));
      return { nextRound: r!.nextRound, done: r!.done && (t?.done ?? true) };
    } finally {
      this.running = false;
      this.pauseRun = null;
    }
  }

  /** The attack's target, backdoor classes, key and poisoned examples; null without an attack. */
  backdoor(): BackdoorView | null {
    const { ds, setup } = this.need();
    return backdoorView(ds, setup, this.config!);
  }

  /** θ_G as a checkpoint file, with provenance. */
  checkpoint(meta: Record<string, unknown> = {}): Uint8Array {
    const { setup, main } = this.need();
    return encodeCheckpoint(setup.model, setup.spec, main.weights, { config: this.config, round: main.round, savedBy: 'backdoor-lab app', ...meta });
  }

  sample(req: SampleRequest): EpisodeView {
    const { ds, setup } = this.need();
    return sampleEpisodeView(ds, setup, this.config!, req);
  }

  private need(): { ds: ImageDataset; setup: Setup; main: LaneRun } {
    if (!this.ds || !this.setup || !this.config || !this.main) throw new Error('the coordinator has no experiment yet (prepare was not called)');
    return { ds: this.ds, setup: this.setup, main: this.main };
  }
}
