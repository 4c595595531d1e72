import type { ClientUpdate } from '../client';

/**
 * Server-side checks on every received update (Bhagoji et al. 2019, section 3.3). A detector
 * reports a statistic per client and flags outliers; when configured to reject, the coordinator
 * leaves flagged updates out of the aggregation.
 */
export interface DetectorInput {
  round: number;
  /** θ_G before the round. */
  global: Float32Array;
  /** Received updates, sorted by client id. */
  updates: readonly ClientUpdate[];
}

/** The server's own small validation set, for accuracy checking. Same episodes on every call. */
export interface ServerValidation {
  accuracy(weights: Float32Array, o: { episodes: number; steps: number }): Promise<number>;
}

export interface DetectorVerdict {
  clientId: number;
  /** The detector's statistic for this update (validation accuracy; distance ratio). */
  value: number;
  /** What the statistic was compared with (null when there was nothing to compare with). */
  reference: number | null;
  flagged: boolean;
}

export interface DetectionReport {
  kind: string;
  /** Whether flagged updates were left out of the aggregation. */
  reject: boolean;
  /** One verdict per received update, by client id. */
  verdicts: DetectorVerdict[];
  /** Detector-wide value for context (accuracy checking: the accuracy of θ_G itself). */
  baseline?: number;
}

export interface Detector {
  readonly kind: string;
  detect(input: DetectorInput, server?: ServerValidation): Promise<DetectionReport>;
}
