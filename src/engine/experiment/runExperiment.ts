import type { ExperimentConfig } from '../config/schema';
import type { ImageDataset } from '../data/types';
import { runFineTunePhase, type FineTunePoint } from '../defense/phase';
import { createEvaluator } from '../eval/evaluator';
import { createServerValidation } from '../eval/serverValidation';
import type { FederatedClient } from '../fed/client';
import type { RoundReport } from '../fed/coordinator';
import type { Setup } from '../learners/types';
import { runFederation, type MetricPoint } from './run';

/** The one stream of an experiment, read by the CLI (JSON lines, log) and the coordinator worker (UI). */
export type ExperimentEvent =
  | { type: 'point'; point: MetricPoint }
  | { type: 'round'; report: RoundReport; global: Float32Array }
  | { type: 'phase'; phase: 'evaluating' | 'fine-tuning'; round: number }
  | { type: 'fine-tune'; point: FineTunePoint };

export interface ExperimentOptions {
  ds: ImageDataset;
  setup: Setup;
  clients: readonly FederatedClient[];
  config: ExperimentConfig;
  /** θ_G to go on from, and the round to run next (a resumed or paused run); default: round 1 from setup.initial. */
  global?: Float32Array;
  fromRound?: number;
  /** Live settings, read between rounds (sliders). */
  currentConfig?: () => ExperimentConfig;
  /** Stops the run between rounds and between fine-tuning episodes (pause, cancel). */
  signal?: AbortSignal;
  /** Run up to this round only, without the fine-tuning phase (step mode). */
  untilRound?: number;
}

export interface ExperimentResult {
  global: Float32Array;
  /** The round to run next (rounds + 1 once every round ran). */
  nextRound: number;
  /** Every round ran, and the fine-tuning phase too when the config has one. */
  done: boolean;
}

/**
 * One experiment as Chen et al. run it: federated rounds with evaluation points (the attack
 * where its schedule says), then each benign user's fine-tuning defense on the final θ_G
 * (sections 4–5). The CLI and the browser's coordinator worker both run exactly this and add
 * only I/O, pausing and cancellation.
 */
export async function runExperiment(o: ExperimentOptions, emit: (e: ExperimentEvent) => void): Promise<ExperimentResult> {
  const evaluator = createEvaluator(o.ds, o.setup);
  const config = () => o.currentConfig?.() ?? o.config;
  const stopped = () => o.signal?.aborted === true;
  let global = o.global ?? o.setup.initial;
  let nextRound = o.fromRound ?? 1;
  await runFederation(
    {
      config: o.config,
      clients: [...o.clients],
      evaluator: {
        evaluate(weights, c) {
          emit({ type: 'phase', phase: 'evaluating', round: nextRound - 1 });
          return evaluator.evaluate(weights, c);
        },
      },
      server: createServerValidation(o.ds, o.setup, o.config),
      initial: global,
      fromRound: nextRound,
    },
    {
      onPoint: (point) => emit({ type: 'point', point }),
      onRound(report, g) {
        global = g;
        nextRound = report.round + 1;
        emit({ type: 'round', report, global: g });
      },
      shouldStop: () => stopped() || nextRound > (o.untilRound ?? Infinity),
      currentConfig: config,
    },
  );
  const c = config();
  const finished = nextRound > c.rounds;
  // A step or a pause ends before the fine-tuning phase (as the paper's phase follows the last round).
  if (!finished || stopped() || o.untilRound !== undefined || c.defense.fineTune.kind === 'none') return { global, nextRound, done: finished };
  await runFineTunePhase({ setup: o.setup, config: c, ds: o.ds, global, round: nextRound - 1 }, {
    onPoint(point) {
      emit({ type: 'phase', phase: 'fine-tuning', round: point.user });
      emit({ type: 'fine-tune', point });
    },
    shouldStop: stopped,
  });
  return { global, nextRound, done: !stopped() };
}
