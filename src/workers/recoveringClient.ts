import type { ExperimentConfig } from '../engine/config/schema';
import { LabError } from '../engine/errors';
import type { ClientState, ClientUpdate, FederatedClient, TrainRequest } from '../engine/fed/client';
import type { ClientSetup } from './clientSetup';
import { failureText, injectedLoss, isDeviceFailure, recoveryText, type BackendNotice, type RecoverableBackend } from './recovery';

export interface RecoveringDeps {
  /** "client 3": the source of errors and notices. */
  name: string;
  /** The engine's client for a setup (clientFromSetup); called again after a loss. */
  build(s: ClientSetup): FederatedClient;
  backend: RecoverableBackend;
  onRecovered(n: BackendNotice): void;
}

interface Call<T> {
  run(client: FederatedClient | null): Promise<T>;
  /** What the call changes in the client's recipe, applied only once it has succeeded. */
  commit?(): void;
  /** The round a failure of this call re-runs. */
  round?: number;
}

/**
 * A client worker's engine client that survives a lost GPU device. After every call that changes
 * the client (setup, configure, train) it keeps the client's state as plain data (`snapshot`).
 * When a call fails because the device went away, it restarts the backend, rebuilds the client
 * from its setup, replays the last config, restores that state and runs the call again, once:
 * the same request from the same state gives the same numbers. A loss noticed between calls
 * (the device lost while idle) is recovered the same way before the next call runs.
 */
export class RecoveringClient {
  private setupData: ClientSetup | null = null;
  private config: ExperimentConfig | null = null;
  private client: FederatedClient | null = null;
  private saved: ClientState | null = null;
  private forced = false;
  /** The backend's restart count when the client was built (see RecoverableBackend.restarts). */
  private builtOn = 0;

  constructor(private readonly deps: RecoveringDeps) {}

  setup(s: ClientSetup): Promise<void> {
    return this.call({
      run: async () => {
        await this.drop();
        this.client = this.deps.build(s);
        this.builtOn = this.restarts();
      },
      commit: () => {
        this.setupData = s;
        this.config = null;
      },
    });
  }

  configure(config: ExperimentConfig): Promise<void> {
    return this.call({ run: async (c) => { await this.need(c).configure(config); }, commit: () => { this.config = config; } });
  }

  train(req: TrainRequest): Promise<ClientUpdate> {
    return this.call({
      round: req.round,
      run: async (c) => {
        const u = await this.need(c).train(req);
        if (this.forced) {
          this.forced = false;
          throw injectedLoss(this.deps.name);
        }
        return u;
      },
    });
  }

  async dispose(): Promise<void> {
    await this.drop();
    this.setupData = this.config = this.saved = null;
  }

  /** Test hook: the next train fails once as if the device had been lost mid-round. */
  forceLoss(): void {
    this.forced = true;
  }

  private async call<T>(call: Call<T>): Promise<T> {
    const idle = this.deps.backend.lost();
    if (idle) await this.recover(new LabError('gpu-device-lost', idle), null);
    else if (this.setupData && this.builtOn !== this.restarts()) {
      // Another client of this worker recovered: the backend is new, this client's tensors are gone.
      await this.drop();
      this.client = await this.rebuild(this.setupData);
    }
    try {
      return await this.attempt(call);
    } catch (e) {
      if (!this.recoverable(e)) throw e;
      await this.recover(e, call.round ?? null);
      try {
        return await this.attempt(call);
      } catch (again) {
        if (!isDeviceFailure(again, this.deps.backend)) throw again;
        throw new LabError('gpu-device-lost', `${failureText(again)} again after recovering from: ${failureText(e)}`, this.deps.name);
      }
    }
  }

  /** The call, then the state it leaves, checked against a loss the call itself did not notice. */
  private async attempt<T>(call: Call<T>): Promise<T> {
    const out = await call.run(this.client);
    const lost = this.deps.backend.lost();
    if (lost) throw new LabError('gpu-device-lost', lost, this.deps.name);
    const saved = (await this.client?.snapshot?.()) ?? null;
    call.commit?.();
    this.saved = saved;
    return out;
  }

  /** A device failure, and a client that can be rebuilt exactly (the engine's all can). */
  private recoverable(e: unknown): boolean {
    return isDeviceFailure(e, this.deps.backend) && (!this.client || (!!this.client.snapshot && !!this.client.restore));
  }

  private async recover(cause: unknown, round: number | null): Promise<void> {
    const { backend, name } = this.deps;
    const why = failureText(cause);
    const before = backend.current;
    this.forced = false; // the device it stood for is gone already
    try {
      await this.drop();
      const after = await backend.restart();
      if (this.setupData) this.client = await this.rebuild(this.setupData);
      this.deps.onRecovered({ worker: name, backend: after, reason: recoveryText(why, before, after), round });
    } catch (e) {
      throw new LabError('gpu-device-lost', `${why}; recovery failed (${e instanceof Error ? e.message : String(e)})`, name);
    }
  }

  /** The client as it was after the last call that succeeded, on the current backend. */
  private async rebuild(s: ClientSetup): Promise<FederatedClient> {
    const c = this.deps.build(s);
    this.builtOn = this.restarts();
    if (this.config) await c.configure(this.config); // before restore: a new optimiser setting resets its state
    if (this.saved) c.restore?.(this.saved);
    return c;
  }

  private restarts(): number {
    return this.deps.backend.restarts ?? 0;
  }

  private async drop(): Promise<void> {
    const c = this.client;
    this.client = null;
    try {
      await c?.dispose();
    } catch {
      // Its tensors lived on the lost device; there is nothing left to free.
    }
  }

  private need(c: FederatedClient | null): FederatedClient {
    if (!c) throw new LabError('internal', `${this.deps.name} has no data yet (setup was not called)`);
    return c;
  }
}
