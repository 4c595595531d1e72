import type { ExperimentConfig } from '../config/schema';

/**
 * The coordinator talks to clients only through this interface, so the same round logic drives
 * in-process clients (Node, tests) and one Web Worker per client (browser).
 */
export interface TrainRequest {
  round: number;
  /** θ_G, packed in the model's spec order. */
  weights: Float32Array;
  /** Seed for this client's randomness in this round. */
  seed: number;
}

export interface ClientUpdate {
  clientId: number;
  /** δ_i = θ_i − θ_G (possibly boosted or otherwise crafted by an attacker). */
  delta: Float32Array;
  /** |D_i|, for dataset-size weighting. */
  numExamples: number;
}

export interface FederatedClient {
  readonly id: number;
  train(req: TrainRequest): Promise<ClientUpdate>;
  /** Settings changed between rounds (sliders); takes effect from the next round. */
  configure(config: ExperimentConfig): void | Promise<void>;
  dispose(): Promise<void> | void;
}
