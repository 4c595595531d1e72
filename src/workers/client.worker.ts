/// <reference lib="webworker" />
import { expose, transfer } from 'comlink';
import type { ExperimentConfig } from '../engine/config/schema';
import type { ClientUpdate, FederatedClient, TrainRequest } from '../engine/fed/client';
import { startWorkerBackend, type BackendPreference } from './backend';
import { clientFromSetup, type ClientSetup } from './clientSetup';
import { registerLabErrors, withLabErrors } from './errors';

/**
 * One simulated user. The main thread starts it (`start`) and hands it a MessagePort
 * (`connect`); the coordinator worker then calls `setup`, `train`, `configure` over that port,
 * so weights never pass through the main thread. Whatever a call throws leaves as a LabError
 * whose source is this client ("client 3"), so the app knows which worker to blame.
 */
registerLabErrors();
let client: FederatedClient | null = null;
let name = 'client';

const need = (): FederatedClient => {
  if (!client) throw new Error(`${name} has no data yet (setup was not called)`);
  return client;
};

const api = withLabErrors({
  async start(o: { id: number; backend: BackendPreference }) {
    name = `client ${o.id}`;
    return startWorkerBackend(o.backend, name);
  },
  connect(port: MessagePort): void {
    expose(api, port);
  },
  async setup(s: ClientSetup): Promise<void> {
    await client?.dispose();
    client = clientFromSetup(s);
  },
  async train(req: TrainRequest): Promise<ClientUpdate> {
    const u = await need().train(req);
    return transfer(u, [u.delta.buffer]);
  },
  async configure(config: ExperimentConfig): Promise<void> {
    await need().configure(config);
  },
  async dispose(): Promise<void> {
    await client?.dispose();
    client = null;
  },
  /** Test and demo hook: die the way a crashing worker does (an uncaught error). */
  crash(): void {
    setTimeout(() => { throw new Error(`${name} crashed on request`); });
  },
}, () => name);

export type ClientApi = typeof api;
expose(api);
