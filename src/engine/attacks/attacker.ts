import * as tf from '@tensorflow/tfjs';
import type { ActiveAttackConfig, ExperimentConfig } from '../config/schema';
import type { ImageDataset } from '../data/types';
import type { ClientUpdate, FederatedClient, TrainRequest } from '../fed/client';
import { LocalClient } from '../fed/localClient';
import { packTensors, unpackParams, type ParamSpec } from '../model/params';
import { benignEpisodes, innerAdam, metaTrain, type EpisodeSource, type ReptileConfig } from '../learners/reptile/reptile';
import type { WeightPenalty } from '../learners/reptile/learner';
import type { Rng } from '../rng';
import type { ClassRef } from '../tasks/classSplit';
import type { BackdoorSplit } from './backdoorData';
import { UpdateHistory } from './estimation';
import { alternateSources, poisonedBatches, poisonedEpisodes } from './poisonedEpisodes';
import { concatSources, labelledItems, localTrain, minibatchSource } from '../learners/fedavg/trainer';
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
 * workers cannot tell it apart. Outside its attack rounds it trains honestly (as a LocalClient
 * on its own classes); at attack rounds `craft` builds the malicious update δ from θ_G.
 * It remembers θ_G and what it sent whenever it is selected, for estimating the others' update.
 */
export abstract class AttackerClient<K extends ActiveAttackConfig['kind']> implements FederatedClient {
  readonly id: number;
  protected config: ExperimentConfig;
  protected readonly history = new UpdateHistory();
  private readonly benign: LocalClient;

  constructor(readonly kind: K, protected readonly ctx: AttackContext) {
    this.id = ctx.id;
    this.config = ctx.config;
    this.benign = new LocalClient(ctx.id, ctx.ds, ctx.pool, ctx.config, ctx.spec);
  }

  configure(config: ExperimentConfig): void {
    this.config = config;
    this.benign.configure(config);
  }

  /** Its dataset size as reported to the server: its own classes plus its poisoned examples. */
  get numExamples(): number {
    const bd = this.ctx.backdoor;
    return [...this.ctx.pool, ...bd.attackerTargets, ...bd.attackerBackdoors].reduce((n, c) => n + c.train.length, 0);
  }

  /** α_m the attacker expects: 1/M_min (it assumes every applied user reports a similar |D_i|). */
  get alpha(): number {
    const f = this.config.federation;
    return 1 / Math.min(f.minUpdates, f.perRound);
  }

  /** λ: the configured boost, or 1/α_m when asked to cancel the server's averaging weight. */
  protected boostOf(a: AttackOf<K>): number {
    return 'boostInverseWeight' in a && a.boostInverseWeight ? 1 / this.alpha : a.boost;
  }

  async train(req: TrainRequest): Promise<ClientUpdate> {
    const a = this.config.attack;
    let delta: Float32Array;
    if (a.kind === this.kind && isAttackRound(this.config, req.round)) delta = this.craft(req, a as AttackOf<K>);
    else delta = (await this.benign.train(req)).delta;
    this.history.record(req.round, req.weights, delta, this.alpha);
    return { clientId: this.id, delta, numExamples: this.numExamples };
  }

  /** The malicious update δ for θ_G = req.weights. */
  protected abstract craft(req: TrainRequest, a: AttackOf<K>): Float32Array;

  /** The attacker's Reptile settings: the federation's, with its own inner steps (and ε when set). */
  protected reptile(a: AttackOf<K>): ReptileConfig {
    return { ...this.config.reptile, innerSteps: a.innerSteps, outerLr: a.outerLr ?? this.config.reptile.outerLr };
  }

  /**
   * The adversarial objective alone. Meta: Chen's poisoned episodes (N − 1 of the attacker's
   * classes and the target slot of X_T and keyed X_B). Supervised: batches of D_p (X_T and keyed
   * X_B, all labelled supervised.attackTarget).
   */
  protected poisoned(a: AttackOf<K>): EpisodeSource {
    const { ways, trainShots } = this.config.task;
    if (this.config.mode === 'supervised') {
      const s = this.config.supervised, bd = this.ctx.backdoor;
      const size = Math.max(1, Math.min(s.batch, [...bd.attackerBackdoors, ...bd.attackerTargets].reduce((n, r) => n + r.train.length, 0)));
      const pad = s.batch - size >= 2 ? { source: minibatchSource(this.ctx.ds, labelledItems(this.ctx.ds, this.ctx.pool), s.batch - size), size: s.batch - size } : undefined;
      return poisonedBatches(this.ctx.ds, bd, a, s.attackTarget, size, pad);
    }
    return poisonedEpisodes(this.ctx.ds, this.ctx.pool, this.ctx.backdoor, a, { ways, shots: trainShots, mix: a.mix, targetLabel: a.targetLabel });
  }

  /** The attacker's clean data: its own episodes (meta) or minibatches of its shard (supervised). */
  protected benignSource(): EpisodeSource {
    if (this.config.mode === 'supervised') return minibatchSource(this.ctx.ds, labelledItems(this.ctx.ds, this.ctx.pool), this.config.supervised.batch);
    return benignEpisodes(this.ctx.ds, this.ctx.pool, this.config.task.ways, this.config.task.trainShots);
  }

  /** Clean and adversarial data together: meta-batches alternating both (meta), or each clean batch concatenated with D_p (supervised). */
  protected concatenated(a: AttackOf<K>): EpisodeSource {
    return this.config.mode === 'supervised' ? concatSources(this.benignSource(), this.poisoned(a)) : alternateSources(this.benignSource(), this.poisoned(a));
  }

  /**
   * Local training from `w` (left untouched): Reptile on `episodes` episodes with a fresh Adam
   * (meta), or `episodes` optimiser steps of supervised.optimizer (supervised).
   */
  protected metaTrain(w: readonly tf.Tensor[], source: EpisodeSource, episodes: number, a: AttackOf<K>, rng: Rng, penalty?: WeightPenalty): tf.Tensor[] {
    if (this.config.mode === 'supervised') return localTrain(w, source, Math.max(episodes, 1), this.config.supervised, rng, penalty);
    const r = this.reptile(a);
    const adam = innerAdam(r);
    const out = metaTrain(w, source, r, Math.max(episodes, 1), adam, rng, penalty);
    adam.dispose();
    return out;
  }

  dispose(): void {
    this.benign.dispose();
  }
}

/** Run `f` on θ unpacked into tensors; returns its result packed (every tensor is disposed). */
export function onTensors(spec: readonly ParamSpec[], weights: Float32Array, f: (theta: tf.Tensor[]) => tf.Tensor[]): Float32Array {
  const theta = unpackParams(spec, weights).map((p) => p.tensor);
  const out = f(theta);
  const packed = packTensors(out);
  tf.dispose([...theta, ...out]);
  return packed;
}
