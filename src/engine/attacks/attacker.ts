import * as tf from '@tensorflow/tfjs';
import type { ActiveAttackConfig, ExperimentConfig } from '../config/schema';
import type { ImageDataset } from '../data/types';
import type { ClientState, ClientUpdate, FederatedClient, TrainRequest } from '../fed/client';
import { BenignClient } from '../fed/benignClient';
import { packTensors, unpackParams, type ParamSpec } from '../model/params';
import { learnerFor } from '../learners/registry';
import type { EpisodeSource, Learner } from '../learners/types';
import type { WeightPenalty } from '../learners/reptile/learner';
import type { Rng } from '../rng';
import { OptimiserSlot } from '../optim/slot';
import type { ClassRef } from '../data/classRef';
import type { BackdoorSplit } from '../data/backdoorSplit';
import { UpdateHistory } from './estimation';
import { isAttackRound } from '../config/schedule';

/** What an attacker client is built from: its own benign classes and its poisoned examples. */
export interface AttackContext {
  id: number;
  ds: ImageDataset;
  /** The attacker's own meta-training classes (its benign data). */
  pool: readonly ClassRef[];
  backdoor: BackdoorSplit;
  config: ExperimentConfig;
  spec: ParamSpec[];
}

export type AttackOf<K extends ActiveAttackConfig['kind']> = Extract<ActiveAttackConfig, { kind: K }>;

/**
 * A malicious user: a FederatedClient like any other, so the coordinator and the browser
 * workers cannot tell it apart. Outside its attack rounds it trains honestly (as a BenignClient
 * on its own classes); at attack rounds `craft` builds the malicious update δ from θ_G.
 * It remembers θ_G and what it sent whenever it is selected, for estimating the others' update.
 */
export abstract class AttackerClient<K extends ActiveAttackConfig['kind']> implements FederatedClient {
  readonly id: number;
  protected config: ExperimentConfig;
  protected readonly history = new UpdateHistory();
  private readonly benign: BenignClient;

  constructor(readonly kind: K, protected readonly ctx: AttackContext) {
    this.id = ctx.id;
    this.config = ctx.config;
    this.benign = new BenignClient(ctx.id, ctx.ds, ctx.pool, ctx.config, ctx.spec);
  }

  configure(config: ExperimentConfig): void {
    this.config = config;
    this.benign.configure(config);
  }

  /** Its honest training's state and what it remembers of its last round. */
  async snapshot(): Promise<ClientState> {
    return { ...(await this.benign.snapshot()), history: this.history.export() };
  }

  restore(s: ClientState): void {
    this.benign.restore(s);
    this.history.import(s.history ?? null);
  }

  /** Its dataset size as reported to the server: its own classes plus its poisoned examples. */
  get numExamples(): number {
    const bd = this.ctx.backdoor;
    return [...this.ctx.pool, ...bd.attackerTargets, ...bd.attackerBackdoors].reduce((n, c) => n + c.train.length, 0);
  }

  /**
   * α_m the attacker expects, the share of its update that reaches θ_G: η/M_min (it assumes every
   * applied user reports a similar |D_i|; η = federation.serverLr, 1 for the plain average). So a
   * boost of 1/α_m is Zhou's and Bagdasaryan's n/η, and Bhagoji's λ = 1/α_m where η = 1.
   */
  get alpha(): number {
    const f = this.config.federation;
    return this.eta / Math.min(f.minUpdates, f.perRound);
  }

  /** η, the server's learning rate (federation.serverLr), which the benign-mean estimates divide out. */
  protected get eta(): number {
    return this.config.federation.serverLr;
  }

  /** λ: the configured boost, or 1/α_m when asked to cancel the server's averaging weight. */
  protected boostOf(a: AttackOf<K>): number {
    return 'boostInverseWeight' in a && a.boostInverseWeight ? 1 / this.alpha : a.boost;
  }

  async train(req: TrainRequest): Promise<ClientUpdate> {
    const a = this.config.attack;
    let delta: Float32Array;
    if (a.kind === this.kind && !a.twin && isAttackRound(this.config, req.round)) delta = await this.craft(req, a as AttackOf<K>);
    else delta = (await this.benign.train(req)).delta;
    this.history.record(req.round, req.weights, delta, this.alpha, this.eta);
    return { clientId: this.id, delta, numExamples: this.numExamples };
  }

  /** The malicious update δ for θ_G = req.weights. */
  protected abstract craft(req: TrainRequest, a: AttackOf<K>): Promise<Float32Array>;

  /** Each alternation's adversarial and benign training lengths (Bhagoji's and Zhou's alternating attacks). */
  protected alternation(a: AlternationLengths): { adversarial: number; benign: number } {
    return alternationLengths(a, this.learner.minTrainLength(this.config));
  }

  /** The config's learner: how this mode trains and what its data look like. */
  protected get learner(): Learner {
    return learnerFor(this.config);
  }

  /** The adversarial objective alone: Chen's poisoned episodes (meta) or batches of D_p (supervised). */
  protected poisoned(a: AttackOf<K>): EpisodeSource {
    return this.learner.poisonedSource(this.ctx.ds, this.ctx.pool, this.ctx.backdoor, a, this.config);
  }

  /** The attacker's clean data: its own episodes (meta) or minibatches of its shard (supervised). */
  protected benignSource(): EpisodeSource {
    return this.learner.benignSource(this.ctx.ds, this.ctx.pool, this.config);
  }

  /** Clean and adversarial data in one objective. */
  protected concatenated(a: AttackOf<K>): EpisodeSource {
    return this.learner.combinedSource(this.benignSource(), this.poisoned(a));
  }

  /**
   * Local training from `w` (left untouched): `episodes` Reptile episodes with the attacker's own
   * inner steps and ε (meta), or `episodes` optimiser steps (supervised); with a fresh optimiser,
   * or the slot's when given.
   */
  protected metaTrain(w: readonly tf.Tensor[], source: EpisodeSource, episodes: number, a: AttackOf<K>, rng: Rng, penalty?: WeightPenalty, slot?: OptimiserSlot): tf.Tensor[] {
    return this.learner.train(w, source, episodes, this.config, rng, { innerEpochs: a.innerEpochs, outerLr: a.outerLr, penalty, slot });
  }

  dispose(): void {
    this.benign.dispose();
  }
}

/** Run `f` on θ unpacked into tensors; returns its result packed (every tensor is disposed). */
export async function onTensors(spec: readonly ParamSpec[], weights: Float32Array, f: (theta: tf.Tensor[]) => tf.Tensor[] | Promise<tf.Tensor[]>): Promise<Float32Array> {
  const theta = unpackParams(spec, weights).map((p) => p.tensor);
  try {
    const out = await f(theta);
    const packed = await packTensors(out);
    tf.dispose(out);
    return packed;
  } finally {
    tf.dispose(theta);
  }
}

export interface AlternationLengths { episodes: number; epochs: number; benignRatio: number }

/**
 * An alternation of `epochs`: episodes / epochs adversarial episodes or steps, benignRatio times as
 * many benign ones, each at least `unit`, the learner's smallest training length (a Reptile
 * meta-batch; one supervised step — not a meta-batch, which would floor 2 steps at 5).
 */
export function alternationLengths(a: AlternationLengths, unit: number): { adversarial: number; benign: number } {
  const adversarial = Math.max(unit, Math.floor(a.episodes / a.epochs));
  return { adversarial, benign: Math.max(unit, Math.round(adversarial * a.benignRatio)) };
}

/** The optimiser slots of an alternating attack's two objectives: shared by every phase ("per-objective"), or none, a fresh Adam each phase. */
export interface ObjectiveSlots { adversarial?: OptimiserSlot; benign?: OptimiserSlot; dispose(): void }

export function objectiveSlots(optimiser: 'per-objective' | 'per-phase'): ObjectiveSlots {
  if (optimiser === 'per-phase') return { dispose: () => {} };
  const adversarial = new OptimiserSlot(), benign = new OptimiserSlot();
  return { adversarial, benign, dispose: () => { adversarial.dispose(); benign.dispose(); } };
}
