import * as tf from '@tensorflow/tfjs';
import type { ExperimentConfig } from '../../config/schema';
import type { ImageDataset } from '../../data/types';
import type { ClientUpdate, FederatedClient, TrainRequest } from '../../fed/client';
import { packTensors, unpackParams, type ParamSpec } from '../../model/params';
import { sub } from '../../model/vec';
import { createRng } from '../../rng';
import type { ClassRef } from '../../tasks/classSplit';
import { labelledItems, localTrain, minibatchSource, stepsPerRound } from './trainer';

/**
 * A benign user of supervised federated learning (FedAvg, McMahan et al.): from θ_G, `epochs`
 * passes of local SGD/Adam over its i.i.d. shard; sends δ_i = θ_i − θ_G.
 */
export class SupervisedClient implements FederatedClient {
  constructor(
    readonly id: number,
    private readonly ds: ImageDataset,
    private readonly shard: readonly ClassRef[],
    private config: ExperimentConfig,
    private readonly spec: ParamSpec[],
  ) {}

  configure(config: ExperimentConfig): void {
    this.config = config;
  }

  get numExamples(): number {
    return this.shard.reduce((n, r) => n + r.train.length, 0);
  }

  async train({ weights, seed }: TrainRequest): Promise<ClientUpdate> {
    const s = this.config.supervised;
    const theta = unpackParams(this.spec, weights).map((p) => p.tensor);
    const source = minibatchSource(this.ds, labelledItems(this.ds, this.shard), s.batch);
    const local = localTrain(theta, source, stepsPerRound(s, this.numExamples), s, createRng(seed));
    const packed = packTensors(local);
    tf.dispose([...theta, ...local]);
    return { clientId: this.id, delta: sub(packed, weights), numExamples: this.numExamples };
  }

  dispose(): void {}
}
