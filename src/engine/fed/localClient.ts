import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../config/schema';
import type { ImageDataset } from '../data/types';
import { packTensors, unpackParams, type ParamSpec } from '../model/params';
import { sub } from '../model/vec';
import { Adam } from '../optim/adam';
import { benignEpisodes, innerAdam, metaTrain } from '../learners/reptile/reptile';
import { createRng } from '../rng';
import type { ClassRef } from '../tasks/classSplit';
import type { ClientUpdate, FederatedClient, TrainRequest } from './client';

/** A user's classes: fixed, or by round (an attack scenario can add classes before/after an attack). */
export type UserPool = readonly ClassRef[] | ((round: number) => readonly ClassRef[]);

/**
 * A benign user running Reptile on its own classes. Holds only its own data; the Adam state
 * persists across its episodes and rounds, as in Reptile's reference implementation.
 */
export class LocalClient implements FederatedClient {
  private adam: Adam;

  constructor(
    readonly id: number,
    private readonly ds: ImageDataset,
    private readonly pool: UserPool,
    private config: ExperimentConfig,
    private readonly spec: ParamSpec[],
  ) {
    this.adam = innerAdam(config.reptile);
  }

  /** Live settings changes; a changed optimiser setting restarts the Adam state. */
  configure(config: ExperimentConfig): void {
    if (JSON.stringify(config.reptile) !== JSON.stringify(this.config.reptile)) {
      this.adam.dispose();
      this.adam = innerAdam(config.reptile);
    }
    this.config = config;
  }

  poolAt(round: number): readonly ClassRef[] {
    return typeof this.pool === 'function' ? this.pool(round) : this.pool;
  }

  numExamplesAt(round: number): number {
    return this.poolAt(round).reduce((n, c) => n + c.train.length, 0);
  }

  get numExamples(): number {
    return this.numExamplesAt(0);
  }

  async train({ weights, seed, round }: TrainRequest): Promise<ClientUpdate> {
    const { reptile, task } = this.config;
    const theta = unpackParams(this.spec, weights).map((p) => p.tensor);
    const source = benignEpisodes(this.ds, this.poolAt(round), task.ways, task.trainShots);
    const local = metaTrain(theta, source, reptile, reptile.episodesPerRound, this.adam, createRng(seed));
    const packed = packTensors(local);
    tf.dispose([...theta, ...local]);
    return { clientId: this.id, delta: sub(packed, weights), numExamples: this.numExamplesAt(round) };
  }

  dispose(): void {
    this.adam.dispose();
  }
}
