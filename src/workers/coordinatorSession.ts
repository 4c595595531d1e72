import { transfer, type Remote } from 'comlink';
import type { ExperimentConfig } from '../engine/config/schema';
import { datasetForConfig } from '../engine/data/forConfig';
import { fetchDataset } from '../engine/data/loadBrowser';
import type { ImageDataset } from '../engine/data/types';
import { runFineTunePhase, type FineTunePoint } from '../engine/defense/phase';
import { createEvaluator, type Evaluator } from '../engine/eval/evaluator';
import { createServerValidation } from '../engine/eval/serverValidation';
import type { RoundReport } from '../engine/fed/coordinator';
import { decodeCheckpoint, encodeCheckpoint } from '../engine/model/checkpoint';
import { setupExperiment, type Experiment } from '../engine/experiment/experiment';
import { runFederation, type MetricPoint } from '../engine/experiment/run';
import type { ClientApi } from './client.worker';
import { RemoteClient } from './remoteClient';
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
}

export interface PrepareOptions {
  config: ExperimentConfig;
  /** Absolute URL of the built datasets folder (public/datasets). */
  datasetsUrl: string;
  /** A saved global model to start from (config.init.kind === 'checkpoint'). */
  checkpoint?: Uint8Array;
}

export interface PrepareInfo {
  dataset: string;
  classes: number;
  params: number;
  users: { id: number; classes: number; images: number }[];
  metaTestClasses: number;
  from: 'scratch' | 'checkpoint';
}

export interface RunResult {
  /** The next round to run (rounds + 1 when finished). */
  nextRound: number;
  /** All rounds run, and the fine-tuning phase too when the config has one. */
  done: boolean;
}

/**
 * The server side of a browser run: loads the data, gives each client worker only its slice,
 * then drives runFederation with pause / step / live config, keeping θ_G between calls.
 */
export class CoordinatorSession {
  private remotes: Remote<ClientApi>[] = [];
  private ds: ImageDataset | null = null;
  private exp: Experiment | null = null;
  private config: ExperimentConfig | null = null;
  private global: Float32Array | null = null;
  private nextRound = 1;
  private running = false;
  private paused = false;
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
    const exp = setupExperiment(o.config, ds, o.checkpoint ? decodeCheckpoint(o.checkpoint) : undefined);
    const images: number[] = [];
    await Promise.all(this.remotes.map(async (remote, id) => {
      const { data, own, backdoor } = userPayload(exp, ds, id);
      images[id] = data.images.length / (data.width * data.height);
      await remote.setup(transfer({ id, config: o.config, data, refs: own, backdoor, model: exp.model, spec: exp.spec }, [data.images.buffer]));
    }));
    this.ds = ds;
    this.exp = exp;
    this.config = o.config;
    this.global = exp.initial;
    this.nextRound = 1;
    return {
      dataset: ds.name,
      classes: ds.classes.length,
      params: exp.initial.length,
      users: exp.split.users.map((refs, id) => ({ id, classes: refs.length, images: images[id] })),
      metaTestClasses: exp.split.metaTest.length,
      from: o.checkpoint ? 'checkpoint' : 'scratch',
    };
  }

  /** Live settings (fields that need no restart); read by the run between rounds. */
  update(config: ExperimentConfig): void {
    this.config = config;
  }

  pause(): void {
    if (this.running) this.paused = true;
  }

  /** Runs to the end, until paused, or ('step') one round; resolves where it stopped. */
  async run(mode: 'run' | 'step'): Promise<RunResult> {
    const { ds, exp } = this.need();
    if (this.running) throw new Error('the run is already going');
    this.running = true;
    this.paused = false;
    const stopAfter = mode === 'step' ? this.nextRound : Infinity;
    const emit = <K extends keyof RunEvents>(k: K, arg: Parameters<RunEvents[K]>[0]) => {
      const f = this.events[k] as ((a: typeof arg) => unknown) | undefined;
      if (f) void Promise.resolve(f(arg)).catch(() => undefined);
    };
    const clients = this.remotes.map((r, id) => new RemoteClient(id, r, {
      onTrainStart: (clientId, round) => {
        emit('onPhase', { phase: 'training', round });
        emit('onClient', { clientId, round, busy: true });
      },
      onTrainEnd: (clientId, round) => emit('onClient', { clientId, round, busy: false }),
    }));
    const evaluator: Evaluator = {
      evaluate: (w) => {
        emit('onPhase', { phase: 'evaluating', round: this.nextRound - 1 });
        return createEvaluator(ds, { ...exp, config: this.config! }).evaluate(w);
      },
    };
    try {
      const { global } = await runFederation(
        { config: this.config!, clients, evaluator, server: createServerValidation(ds, exp), initial: this.global!, fromRound: this.nextRound },
        {
          onPoint: (p) => emit('onPoint', p),
          onRound: (r, g) => {
            this.global = g;
            this.nextRound = r.round + 1;
            emit('onRound', r);
          },
          shouldStop: () => this.paused || this.nextRound > stopAfter,
          currentConfig: () => this.config!,
        },
      );
      this.global = global;
      const finished = this.nextRound > this.config!.rounds;
      if (finished && mode === 'run' && !this.paused && this.config!.defense.fineTune.kind !== 'none') {
        // Chen et al. sections 4–5: each benign user fine-tunes the final θ_G. It runs here, next
        // to the data; the clients' workers are idle by now.
        await runFineTunePhase({ exp: { ...exp, config: this.config! }, ds, global: this.global!, round: this.nextRound - 1 }, {
          onPoint: (p) => {
            emit('onPhase', { phase: 'fine-tuning', round: p.user });
            emit('onFineTune', p);
          },
          shouldStop: () => this.paused,
        });
        if (this.paused) return { nextRound: this.nextRound, done: false };
      }
    } finally {
      this.running = false;
      this.paused = false;
    }
    return { nextRound: this.nextRound, done: this.nextRound > this.config!.rounds };
  }

  /** The attack's target, backdoor classes, key and poisoned examples; null without an attack. */
  backdoor(): BackdoorView | null {
    const { ds, exp } = this.need();
    return backdoorView(ds, exp, this.config!);
  }

  /** θ_G as a checkpoint file, with provenance. */
  checkpoint(meta: Record<string, unknown> = {}): Uint8Array {
    const { exp } = this.need();
    return encodeCheckpoint(exp.model, exp.spec, this.global!, { config: this.config, round: this.nextRound - 1, savedBy: 'backdoor-lab app', ...meta });
  }

  sample(req: SampleRequest): EpisodeView {
    const { ds, exp } = this.need();
    return sampleEpisodeView(ds, exp, this.config!, req);
  }

  private need(): { ds: ImageDataset; exp: Experiment } {
    if (!this.ds || !this.exp || !this.config || !this.global) throw new Error('the coordinator has no experiment yet (prepare was not called)');
    return { ds: this.ds, exp: this.exp };
  }
}
