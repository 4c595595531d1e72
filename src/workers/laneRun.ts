import type { Remote } from 'comlink';
import type { ExperimentConfig } from '../engine/config/schema';
import { benignTwin } from '../engine/config/twin';
import type { ImageDataset } from '../engine/data/types';
import { runExperiment, type ExperimentEvent, type ExperimentResult } from '../engine/experiment/runExperiment';
import type { Setup } from '../engine/learners/types';
import type { ClientApi } from './client.worker';
import type { Lane } from './clientLanes';
import { RemoteClient, type ClientActivity } from './remoteClient';

export interface LaneStep {
  ds: ImageDataset;
  setup: Setup;
  remotes: Remote<ClientApi>[];
  /** The session's live config (the attacked run's); the twin follows it as its benign twin. */
  live: () => ExperimentConfig;
  signal: AbortSignal;
  mode: 'run' | 'step';
  activity?: ClientActivity;
}

/**
 * One of the coordinator's runs over the client workers: the run itself, or its benign twin in
 * a paired run. It keeps θ_G and the round to run next between calls (pause, step, resume), and
 * drives runExperiment with its own lane's clients.
 */
export class LaneRun {
  private global: Float32Array;
  private nextRound = 1;
  /** The last live config and what this lane runs for it (the twin's is derived, kept stable). */
  private seen: ExperimentConfig | null = null;
  private mine: ExperimentConfig;

  constructor(readonly lane: Lane, config: ExperimentConfig, initial: Float32Array) {
    const mine = LaneRun.configFor(lane, config);
    if (!mine) throw new Error('a benign twin needs a config with an attack');
    this.seen = config;
    this.mine = mine;
    this.global = initial;
  }

  get weights(): Float32Array {
    return this.global;
  }

  get round(): number {
    return this.nextRound - 1;
  }

  /** This lane's config for a live config: the same, or its benign twin. Null for a twin of a run without an attack. */
  static configFor(lane: Lane, config: ExperimentConfig): ExperimentConfig | null {
    return lane === 'attacked' ? config : benignTwin(config);
  }

  async run(o: LaneStep, emit: (e: ExperimentEvent) => void): Promise<ExperimentResult> {
    const clients = o.remotes.map((r, id) => new RemoteClient(id, r, o.activity, this.lane));
    const config = () => this.configFor(o.live());
    return runExperiment({
      ds: o.ds,
      setup: o.setup,
      clients,
      config: config(),
      global: this.global,
      fromRound: this.nextRound,
      currentConfig: config,
      signal: o.signal,
      untilRound: o.mode === 'step' ? this.nextRound : undefined,
    }, (e) => {
      if (e.type === 'round') {
        this.global = e.global;
        this.nextRound = e.report.round + 1;
      }
      emit(e);
    });
  }

  /** The same object for the same live config, so a run reconfigures its clients only on a change. */
  private configFor(live: ExperimentConfig): ExperimentConfig {
    if (live !== this.seen) {
      this.seen = live;
      this.mine = LaneRun.configFor(this.lane, live) ?? this.mine;
    }
    return this.mine;
  }
}
