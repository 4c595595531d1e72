import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/schema';
import type { ClassRef } from '../data/classRef';
import type { ImageDataset } from '../data/types';
import { learnerFor } from '../learners/registry';
import type { LocalTrainer } from '../learners/types';
import { packTensors, unpackParams, type ParamSpec } from '../model/params';
import { sub } from '../model/vec';
import { createRng } from '../rng';
import type { ClientState, ClientUpdate, FederatedClient, TrainRequest } from './client';

/** A user's classes: fixed, or by round (an attack scenario can add classes before/after an attack). */
export type UserPool = readonly ClassRef[] | ((round: number) => readonly ClassRef[]);

/**
 * A benign user: the mode's local training from θ_G on its own data only, sending
 * δ_i = θ_i − θ_G and |D_i|. Its trainer keeps state across rounds where the mode has some
 * (Reptile's Adam).
 */
export class BenignClient implements FederatedClient {
  private trainer: LocalTrainer;

  constructor(
    readonly id: number,
    ds: ImageDataset,
    private readonly pool: UserPool,
    config: ExperimentConfig,
    private readonly spec: ParamSpec[],
  ) {
    this.trainer = learnerFor(config).localTrainer(config, ds);
  }

  configure(config: ExperimentConfig): void {
    this.trainer.configure(config);
  }

  async snapshot(): Promise<ClientState> {
    return { trainer: await this.trainer.snapshot() };
  }

  restore(s: ClientState): void {
    this.trainer.restore(s.trainer, this.spec.map((p) => p.shape));
  }

  poolAt(round: number): readonly ClassRef[] {
    return typeof this.pool === 'function' ? this.pool(round) : this.pool;
  }

  numExamplesAt(round: number): number {
    return this.poolAt(round).reduce((n, c) => n + c.train.length, 0);
  }

  async train({ weights, seed, round }: TrainRequest): Promise<ClientUpdate> {
    const theta = unpackParams(this.spec, weights).map((p) => p.tensor);
    const local = this.trainer.train(theta, this.poolAt(round), createRng(seed));
    const packed = await packTensors(local);
    tf.dispose([...theta, ...local]);
    return { clientId: this.id, delta: sub(packed, weights), numExamples: this.numExamplesAt(round) };
  }

  dispose(): void {
    this.trainer.dispose();
  }
}
