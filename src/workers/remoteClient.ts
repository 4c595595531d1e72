import { transfer, type Remote } from 'comlink';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ClientUpdate, FederatedClient, TrainRequest } from '../engine/fed/client';
import { LabError } from '../engine/errors';
import type { ClientApi } from './client.worker';
import type { Lane } from './clientLanes';
import { toLabError } from './errors';

/**
 * An error raised by (or while talking to) one client worker, blamed on it: the client's own
 * code and source, or "client N" when the client could not say (a dropped port, a bad answer).
 * The message names the client for people to read; the app reads `source`.
 */
export function clientError(clientId: number, cause: unknown): LabError {
  const e = toLabError(cause, `client ${clientId}`);
  const out = new LabError(e.code, `client ${clientId}: ${e.message}`, e.source);
  out.stack = e.stack;
  return out;
}

export interface ClientActivity {
  onTrainStart?(clientId: number, round: number): void;
  onTrainEnd?(clientId: number, round: number): void;
}

/**
 * FederatedClient over comlink: the coordinator's view of a client worker. θ_G is copied before
 * it is transferred (the coordinator keeps its own), and δ comes back transferred. `lane` picks
 * the worker's client: the run's, or the benign twin's in a paired run.
 */
export class RemoteClient implements FederatedClient {
  constructor(
    readonly id: number,
    private readonly remote: Remote<ClientApi>,
    private readonly activity: ClientActivity = {},
    private readonly lane: Lane = 'attacked',
  ) {}

  async train(req: TrainRequest): Promise<ClientUpdate> {
    const weights = req.weights.slice();
    this.activity.onTrainStart?.(this.id, req.round);
    try {
      const u = await this.remote.train(transfer({ ...req, weights }, [weights.buffer]), this.lane);
      if (u.clientId !== this.id) throw new Error(`answered as client ${u.clientId}`);
      return u;
    } catch (e) {
      throw clientError(this.id, e);
    } finally {
      this.activity.onTrainEnd?.(this.id, req.round);
    }
  }

  async configure(config: ExperimentConfig): Promise<void> {
    try {
      await this.remote.configure(config, this.lane);
    } catch (e) {
      throw clientError(this.id, e);
    }
  }

  async dispose(): Promise<void> {
    await this.remote.dispose().catch(() => undefined);
  }
}
