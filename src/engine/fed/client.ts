import type { ExperimentConfig } from '../config/schema';
import type { TrainerState } from '../learners/types';

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
  /**
   * θ_G of the round before (absent in a run's first round): the server releases θ_G to every
   * user each round, selected or not (Zhou et al. section 2), so an attacker can estimate the
   * benign mean update from the last two global models without having trained in both rounds.
   */
  previous?: Float32Array;
}

export interface ClientUpdate {
  clientId: number;
  /** δ_i = θ_i − θ_G (possibly boosted or otherwise crafted by an attacker). */
  delta: Float32Array;
  /** |D_i|, for dataset-size weighting. */
  numExamples: number;
}

/** A client's memory across rounds as plain data: its trainer's state, and an attacker's record of the last round it took part in. */
export interface ClientState {
  trainer: TrainerState;
  history?: { round: number; global: Float32Array; sent: Float32Array; alpha: number } | null;
}

export interface FederatedClient {
  readonly id: number;
  train(req: TrainRequest): Promise<ClientUpdate>;
  /**
   * The state the client carries between rounds (optimiser moments), as plain data, and its
   * restoration into a fresh client of the same user: a worker that re-initialises its backend
   * (a lost GPU device) re-runs the round from exactly where it started.
   */
  snapshot?(): Promise<ClientState>;
  restore?(s: ClientState): void;
  /** Settings changed between rounds (sliders); takes effect from the next round. */
  configure(config: ExperimentConfig): void | Promise<void>;
  dispose(): Promise<void> | void;
}
