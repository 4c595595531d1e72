/// <reference lib="webworker" />
import { expose, transfer } from 'comlink';
import type { ExperimentConfig } from '../engine/config/schema';
import { LabError } from '../engine/errors';
import type { ClientUpdate, TrainRequest } from '../engine/fed/client';
import { destroyDevice, startRecoverableBackend, type BackendPreference } from './backend';
import { postBackendNotice } from './backendNotice';
import { clientFromSetup, type ClientSetup } from './clientSetup';
import { postFatal, registerLabErrors, toLabError, withLabErrors } from './errors';
import { ClientLanes, type Lane } from './clientLanes';

/**
 * One simulated user. The main thread starts it (`start`) and hands it a MessagePort
 * (`connect`); the coordinator worker then calls `setup`, `train`, `configure` over that port,
 * so weights never pass through the main thread. In a paired run it holds a second client, the
 * user in the benign twin (clientLanes.ts). Whatever a call throws leaves as a LabError
 * whose source is this client ("client 3"), so the app knows which worker to blame. A lost GPU
 * device is recovered (recoveringClient.ts) and the main thread told (backendNotice.ts); only a
 * failed recovery ends the worker, as a lost device did before.
 */
registerLabErrors();
let client: ClientLanes | null = null;
let name = 'client';

const need = (): ClientLanes => {
  if (!client) throw new Error(`${name} was not started`);
  return client;
};

/** A loss it could not recover from is this worker's last word. */
async function fatalOnLoss<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    if (e instanceof LabError && e.code === 'gpu-device-lost') postFatal(self, toLabError(e, name));
    throw e;
  }
}

const api = withLabErrors({
  async start(o: { id: number; backend: BackendPreference }) {
    name = `client ${o.id}`;
    const backend = await startRecoverableBackend(o.backend, name);
    client = new ClientLanes({ name, backend, build: clientFromSetup, onRecovered: (n) => postBackendNotice(self, n) });
    return backend.current;
  },
  connect(port: MessagePort): void {
    expose(api, port);
  },
  setup(s: ClientSetup, lane?: Lane): Promise<void> {
    return fatalOnLoss(need().setup(s, lane));
  },
  async train(req: TrainRequest, lane?: Lane): Promise<ClientUpdate> {
    const u = await fatalOnLoss(need().train(req, lane));
    return transfer(u, [u.delta.buffer]);
  },
  configure(config: ExperimentConfig, lane?: Lane): Promise<void> {
    return fatalOnLoss(need().configure(config, lane));
  },
  async dispose(): Promise<void> {
    await client?.dispose();
  },
  /** Test and demo hook: die the way a crashing worker does (an uncaught error). */
  crash(): void {
    setTimeout(() => { throw new Error(`${name} crashed on request`); });
  },
  /**
   * Test and demo hook: lose the GPU device. On WebGPU the device is destroyed; on any backend
   * the next train fails once as if it had been, so recovery is testable without a GPU.
   */
  loseDevice(): void {
    need().forceLoss();
    destroyDevice();
  },
}, () => name);

export type ClientApi = typeof api;
expose(api);
