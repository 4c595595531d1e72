import type * as tf from '@tensorflow/tfjs';
import type { ActiveAttackConfig, ExperimentConfig } from '../config/schema';
import type { Batch } from '../data/batch';
import type { BackdoorSplit } from '../data/backdoorSplit';
import type { ClassRef } from '../data/classRef';
import type { ImageDataset } from '../data/types';
import type { ModelShape } from '../model/kind';
import type { ParamSpec } from '../model/params';
import type { Rng } from '../rng';
import type { TaskSplit } from '../tasks/classSplit';
import type { Mode, MetricInfo, ModelMetrics } from './metrics';
import type { AdamState } from '../optim/adam';
import type { OptimiserSlot } from '../optim/slot';
import type { WeightPenalty } from './reptile/learner';

/** Where training batches come from: meta-training episodes (meta) or minibatches (supervised). */
export interface EpisodeSource {
  next(rng: Rng): Batch;
}

/**
 * What a run fixes before round 1 and keeps until a restart: the data split, the model layout,
 * θ_G at round 0 and, with an attack, who holds which reserved examples. Live settings (sliders)
 * are the config, passed next to it.
 */
export interface Setup {
  model: ModelShape;
  spec: ParamSpec[];
  split: TaskSplit;
  initial: Float32Array;
  backdoor: BackdoorSplit | null;
}

/** Attack success of θ_G (Chen et al. section 4, "Attack Evaluation"; Bhagoji's confidence). */
export interface BackdoorScore {
  /** Fraction of the attacker's keyed backdoor examples classified as their target. */
  train: number;
  /** Same for held-out backdoor examples with the key. */
  val: number;
  /** Mean softmax probability of the target on the attacker's keyed examples. */
  confidence: number;
  /** Accuracy on the clean examples classified next to the backdoor ones. */
  episodeAccuracy: number;
  episodes: number;
}

export interface Evaluation {
  metrics: ModelMetrics;
  /** With an attack in the config. */
  attack: BackdoorScore | null;
}

export type AttackConfig = ActiveAttackConfig;

/** A benign user's local training, round after round (Reptile keeps its Adam state across rounds). */
export interface LocalTrainer {
  /** From θ_G (left untouched) on the user's classes; returns θ_i, owned by the caller. */
  train(theta: readonly tf.Tensor[], pool: readonly ClassRef[], rng: Rng): tf.Tensor[];
  /** Live settings changed between rounds. */
  configure(c: ExperimentConfig): void;
  /** The state kept across rounds, as plain data (null when the mode keeps none). */
  snapshot(): Promise<TrainerState>;
  /** Continue from a snapshot, e.g. after the backend was re-initialised; `shapes` are the parameters'. */
  restore(s: TrainerState, shapes: readonly number[][]): void;
  dispose(): void;
}

/** What a local trainer carries from round to round (Reptile: its Adam moments). */
export type TrainerState = AdamState | null;

/** Local training options; an attacker may run its own inner steps and ε (meta). */
export interface TrainOptions {
  /** Inner epochs per episode (meta): passes over the episode's examples in inner batches. */
  innerEpochs?: number;
  outerLr?: number;
  penalty?: WeightPenalty;
  /** Continue from this slot's optimiser state (filled on first use); without it, a fresh optimiser. */
  slot?: OptimiserSlot;
}

/**
 * One mode of federated learning: how users' data is split and trained on, what an attacker's
 * clean and adversarial data look like, and how θ_G is scored. Attacks, defenses, the evaluator
 * and the experiment ask the config's learner and never test the mode themselves.
 */
export interface Learner {
  readonly mode: Mode;
  readonly metrics: readonly MetricInfo[];
  /** The users' data, the evaluation data and the reserved attack classes; dataset limits are ConfigErrors. */
  split(c: ExperimentConfig, ds: ImageDataset): TaskSplit;
  /** Who holds which reserved examples under the config's attack. */
  backdoorSplit(c: ExperimentConfig, a: AttackConfig, split: TaskSplit): BackdoorSplit;
  localTrainer(c: ExperimentConfig, ds: ImageDataset): LocalTrainer;
  /** Clean training data from `pool`: N-way K-shot episodes, or minibatches of the shard. */
  benignSource(ds: ImageDataset, pool: readonly ClassRef[], c: ExperimentConfig): EpisodeSource;
  /** The adversarial objective's data: poisoned episodes (Chen), or batches of D_p. */
  poisonedSource(ds: ImageDataset, pool: readonly ClassRef[], bd: BackdoorSplit, a: AttackConfig, c: ExperimentConfig): EpisodeSource;
  /** Clean and adversarial data in one objective (Bhagoji's concatenated training). */
  combinedSource(clean: EpisodeSource, poisoned: EpisodeSource): EpisodeSource;
  /**
   * A plain backdoor's training data (Chen's attack): poisoned episodes already hold the
   * attacker's clean classes (meta); supervised data poisoning adds D_p to every clean batch.
   */
  backdoorSource(clean: EpisodeSource, poisoned: EpisodeSource): EpisodeSource;
  /** The smallest training length `train` takes: a meta-batch of episodes (meta), one optimiser step (supervised). */
  minTrainLength(c: ExperimentConfig): number;
  /** `length` episodes (meta) or optimiser steps (supervised) from `w` (left untouched). */
  train(w: readonly tf.Tensor[], source: EpisodeSource, length: number, c: ExperimentConfig, rng: Rng, o?: TrainOptions): tf.Tensor[];
  /** θ_G's metrics (on the same seeded episodes or examples at every call) and attack success. */
  evaluate(theta: readonly tf.Tensor[], ds: ImageDataset, setup: Setup, c: ExperimentConfig): Promise<Evaluation>;
  /** The server's own validation accuracy for accuracy checking (Bhagoji et al. 3.3.1). */
  validationAccuracy(theta: readonly tf.Tensor[], ds: ImageDataset, setup: Setup, c: ExperimentConfig, o: { episodes: number; steps: number }): Promise<number>;
}
