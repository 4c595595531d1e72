import { transfer, type Remote } from 'comlink';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ClientUpdate, FederatedClient, TrainRequest } from '../engine/fed/client';
import type { ClientApi } from './client.worker';

/** An error raised by (or while talking to) one client worker; the message names the client. */
export class ClientError extends Error {
  constructor(readonly clientId: number, cause: unknown) {
    super(`client ${clientId}: ${cause instanceof Error ? cause.message : String(cause)}`);
    this.name = 'ClientError';
  }
}

export interface ClientActivity {
  onTrainStart?(clientId: number, round: number): void;
  onTrainEnd?(clientId: number, round: number): void;
}

/**
 * FederatedClient over comlink: the coordinator's view of a client worker. θ_G is copied before
 * it is transferred (the coordinator keeps its own), and δ comes back transferred.
 */
export class RemoteClient implements FederatedClient {
  constructor(readonly id: number, private readonly remote: Remote<ClientApi>, private readonly activity: ClientActivity = {}) {}

  async train(req: TrainRequest): Promise<ClientUpdate> {
    const weights = req.weights.slice();
    this.activity.onTrainStart?.(this.id, req.round);
    try {
      const u = await this.remote.train(transfer({ ...req, weights }, [weights.buffer]));
      if (u.clientId !== this.id) throw new Error(`answered as client ${u.clientId}`);
      return u;
    } catch (e) {
      throw new ClientError(this.id, e);
    } finally {
      this.activity.onTrainEnd?.(this.id, req.round);
    }
  }

  async configure(config: ExperimentConfig): Promise<void> {
    try {
      await this.remote.configure(config);
    } catch (e) {
      throw new ClientError(this.id, e);
    }
  }

  async dispose(): Promise<void> {
    await this.remote.dispose().catch(() => undefined);
  }
}
