import type { ExperimentConfig } from '../config/schema';
import { add, norm, scale } from '../model/vec';
import { createRng, deriveSeed } from '../rng';
import type { ClientUpdate, FederatedClient } from './client';
import { createAggregator } from './aggregators/registry';
import type { AggregationResult } from './aggregators/types';
import { aggregateScreened, screenUpdates } from './detectors/screen';
import type { DetectionReport, ServerValidation } from './detectors/types';
import { firstToArrive } from './arrivals';
import { firstArrivals, openSelection, selectUsers, type SelectionPolicy } from './selection';
import { measureStealth, type StealthReport } from './stealth';

export interface RoundReport {
  round: number;
  selected: number[];
  applied: number[];
  weights: AggregationResult['weights'];
  /** What the aggregation rule did with each update: kept, selected, clipped (with factor), partially used or discarded. */
  outcomes: AggregationResult['outcomes'];
  /** Server-side detectors' verdicts on every update (config `defense.detectors`). */
  detections: DetectionReport[];
  /** Updates left out of the aggregation because a rejecting detector flagged them. */
  rejected: number[];
  /** ‖δ_i‖₂ of every received update. */
  updateNorms: { clientId: number; norm: number }[];
  /** ‖η·Δ‖₂ of the step applied to θ_G (Δ the aggregate, η federation.serverLr). */
  stepNorm: number;
  /** Malicious users among the applied ones (the selection policy says who). */
  attackers: number[];
  /** Per-update stealth figures (config eval.stealth.enabled). */
  stealth?: StealthReport;
  durationMs: number;
}

/**
 * The server of section 2 of Chen et al.: each round it selects M_round users, waits for the
 * first M_min updates and applies θ_G ← θ_G + Aggregate(δ). Clients are trained concurrently
 * (one worker each in the browser).
 */
export class Coordinator {
  /** θ_G before the last round this coordinator ran, sent along as TrainRequest.previous. */
  private previous: { round: number; weights: Float32Array } | null = null;

  constructor(
    private readonly clients: readonly FederatedClient[],
    private config: ExperimentConfig,
    public global: Float32Array,
    /** The server's own validation episodes, for the accuracy detector. */
    private readonly server?: ServerValidation,
    /** Who may or must be selected each round (an attack's schedule); plain random draws by default. */
    private readonly policy: SelectionPolicy = openSelection,
  ) {}

  configure(config: ExperimentConfig): void {
    this.config = config;
  }

  async round(t: number, selected?: number[]): Promise<RoundReport> {
    const start = Date.now();
    const { seed, federation: f } = this.config;
    // The selection policy (an attack's schedule) may narrow who is drawn and force users in.
    const { eligible, forced } = this.policy.roster(this.config, t, this.clients.map((c) => c.id));
    const chosen = selected ?? [...forced, ...selectUsers(eligible, Math.min(f.perRound - forced.length, eligible.length), createRng(deriveSeed(seed, 'select', t)))].sort((a, b) => a - b);
    const sure = forced.filter((id) => chosen.includes(id));
    const rest = chosen.filter((id) => !sure.includes(id));
    const byId = new Map(this.clients.map((c) => [c.id, c]));
    const previous = this.previous?.round === t - 1 ? { previous: this.previous.weights } : {};
    const train = (id: number) => byId.get(id)!.train({ round: t, weights: this.global, seed: deriveSeed(seed, 'client', id, 'round', t), ...previous });
    let updates: ClientUpdate[];
    if (f.arrivals === 'real') {
      updates = await firstToArrive(chosen.map((id) => ({ id, update: train(id) })), f.minUpdates, sure);
    } else {
      // Simulated arrival order: only the users whose updates will be applied train.
      const first = [...sure, ...firstArrivals(rest, Math.max(0, Math.min(f.minUpdates, chosen.length) - sure.length), createRng(deriveSeed(seed, 'arrival', t)))];
      updates = await Promise.all(first.map(train));
    }
    updates.sort((a, b) => a.clientId - b.clientId);
    const applied = updates.map((u) => u.clientId);
    const attackers = this.policy.attackersIn(this.config, t, applied);
    const stealth = this.config.eval.stealth.enabled ? await measureStealth(this.config, this.global, updates, attackers, this.server) : undefined;
    const screening = await screenUpdates(this.config.defense.detectors, { round: t, global: this.global, updates }, this.server);
    const agg = aggregateScreened(createAggregator(f.aggregator), this.global, updates, screening.rejected);
    this.previous = { round: t, weights: this.global };
    // Eq. 1 of Zhou et al.: G^{t+1} = G^t + (η/n)·Σ Δ_i, the aggregate scaled by the server's η.
    const step = f.serverLr === 1 ? agg.delta : scale(agg.delta, f.serverLr);
    this.global = add(this.global, step);
    return {
      round: t,
      selected: chosen,
      applied,
      weights: agg.weights,
      outcomes: agg.outcomes,
      detections: screening.reports,
      rejected: screening.rejected,
      updateNorms: updates.map((u) => ({ clientId: u.clientId, norm: norm(u.delta) })),
      stepNorm: norm(step),
      attackers,
      ...(stealth ? { stealth } : {}),
      durationMs: Date.now() - start,
    };
  }
}
