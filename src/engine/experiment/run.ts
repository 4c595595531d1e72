import { attackSelection } from '../attacks/selection';
import { attackPhase, isAttackRound } from '../config/schedule';
import type { ExperimentConfig } from '../config/schema';
import type { Evaluator } from '../eval/evaluator';
import { Coordinator, type RoundReport } from '../fed/coordinator';
import type { FederatedClient } from '../fed/client';
import type { ServerValidation } from '../fed/detectors/types';
import type { ModelMetrics } from '../learners/metrics';

/**
 * One line of the metric stream: what the charts and `npm run sim` output show. θ_G's accuracies
 * carry the mode's names (ModelMetrics: metaTestAccuracy… in meta mode, testAccuracy in supervised).
 */
export type MetricPoint = ModelMetrics & {
  /** 'initial' at round 0; with an attack each round is 'pretrain', 'attack' or 'post-attack'. */
  phase: 'initial' | 'meta-train' | 'pretrain' | 'attack' | 'post-attack';
  round: number;
  selected: number[];
  applied: number[];
  stepNorm: number | null;
  /** What the aggregation rule did with each applied update (empty at round 0). */
  outcomes?: RoundReport['outcomes'];
  /** Server-side detectors' verdicts (config defense.detectors) and the updates they rejected. */
  detections?: RoundReport['detections'];
  rejected?: number[];
  /** Malicious users applied this round (empty without an attack or outside attack rounds). */
  attackers?: number[];
  /**
   * Backdoor success after fine-tuning on episodes that include the target class (null without an
   * attack): fraction of the attacker's keyed examples (train) and of held-out keyed examples (val)
   * classified as the target; mean target probability on the attacker's ones; accuracy on those
   * episodes' own queries.
   */
  attackTrainSuccess?: number | null;
  attackValSuccess?: number | null;
  attackConfidence?: number | null;
  attackEpisodeAccuracy?: number | null;
  /** Per-update stealth figures of this round (config eval.stealth.enabled). */
  stealth?: RoundReport['stealth'];
  /** Wall time since the run started. */
  elapsedMs: number;
};

export interface RunHooks {
  onPoint?(p: MetricPoint): void;
  /** After each round, with θ_G after it (for checkpoints). */
  onRound?(r: RoundReport, global: Float32Array): void;
  /** Called between rounds; returning true stops the run early (pause/cancel). */
  shouldStop?(): boolean;
  /** Reads config changes (sliders) between rounds. */
  currentConfig?(): ExperimentConfig;
}

export interface RunOptions {
  config: ExperimentConfig;
  clients: FederatedClient[];
  evaluator: Evaluator;
  initial: Float32Array;
  /** The server's validation episodes, needed by the accuracy detector (defense.detectors). */
  server?: ServerValidation;
  /** First round to run (for resuming); round 0 is the initial evaluation. */
  fromRound?: number;
}

export const shouldEvaluate = (round: number, c: ExperimentConfig): boolean =>
  round === 0 || round === c.rounds || round % c.eval.every === 0 || (c.eval.afterAttacks && isAttackRound(c, round));

/** Federated meta-training with evaluation points; resolves with the final θ_G. */
export async function runFederation(o: RunOptions, hooks: RunHooks = {}): Promise<{ global: Float32Array; lastRound: number }> {
  const start = Date.now();
  let config = o.config;
  const coord = new Coordinator(o.clients, config, o.initial, o.server, attackSelection);
  const first = o.fromRound ?? 1;
  const emit = async (round: number, report: RoundReport | null) => {
    const e = await o.evaluator.evaluate(coord.global, config);
    hooks.onPoint?.({
      phase: report ? (attackPhase(config, round) ?? 'meta-train') : 'initial',
      round,
      ...e.metrics,
      selected: report?.selected ?? [],
      applied: report?.applied ?? [],
      stepNorm: report?.stepNorm ?? null,
      outcomes: report?.outcomes ?? [],
      detections: report?.detections ?? [],
      rejected: report?.rejected ?? [],
      ...(config.attack.kind === 'none' ? {} : {
        attackers: report?.attackers ?? [],
        attackTrainSuccess: e.attack?.train ?? null,
        attackValSuccess: e.attack?.val ?? null,
        attackConfidence: e.attack?.confidence ?? null,
        attackEpisodeAccuracy: e.attack?.episodeAccuracy ?? null,
      }),
      ...(report?.stealth ? { stealth: report.stealth } : {}),
      elapsedMs: Date.now() - start,
    });
  };
  if (first <= 1) await emit(0, null);
  let t = first;
  for (; t <= config.rounds; t++) {
    if (hooks.shouldStop?.()) break;
    const next = hooks.currentConfig?.();
    if (next && next !== config) {
      config = next;
      coord.configure(config);
      await Promise.all(o.clients.map((c) => c.configure(config)));
    }
    const report = await coord.round(t);
    hooks.onRound?.(report, coord.global);
    if (shouldEvaluate(t, config)) await emit(t, report);
  }
  return { global: coord.global, lastRound: t - 1 };
}
