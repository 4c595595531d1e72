import { transfer, wrap, type Remote } from 'comlink';
import type { BackendChoice, BackendPreference } from '../../engine/backend/initBackend';
import { LabError, type LabErrorCode } from '../../engine/errors';
import { readBackendNotice } from '../../workers/backendNotice';
import type { ClientApi } from '../../workers/client.worker';
import type { CoordinatorApi } from '../../workers/coordinator.worker';
import { readFatal, registerLabErrors } from '../../workers/errors';
import type { BackendNotice } from '../../workers/recovery';

// Errors thrown in the workers arrive here as LabErrors with their code and source.
registerLabErrors();

export interface PoolEvents {
  onBackend(worker: string, choice: BackendChoice): void;
  /** A client worker lost its GPU device, re-initialised its backend and carried on. */
  onRecovered(n: BackendNotice): void;
  /**
   * Classroom mode: stand between the coordinator and client `id` (ui/classroom/seatClient.ts).
   * Given the port that reaches the client worker, return the one the coordinator gets instead.
   */
  interpose?(id: number, port: MessagePort): MessagePort;
}

/** A worker died or failed to load: blamed on it (`source`), and the message names it. */
const workerFailure = (worker: string, code: LabErrorCode, detail: string) => new LabError(code, `${worker} stopped: ${detail}`, worker);

/**
 * The run's workers: one per simulated user and a coordinator. The main thread creates them and
 * gives the coordinator one end of a MessageChannel per client, so updates travel between
 * workers directly. Any worker's `error` event fails the whole pool (see `guard`).
 */
export class WorkerPool {
  readonly coordinator: Remote<CoordinatorApi>;
  readonly clients: Remote<ClientApi>[];
  private readonly workers: Worker[];
  private fail!: (e: LabError) => void;
  /** Rejects at the first worker failure; never resolves. */
  readonly failed: Promise<never>;
  private alive = true;

  private constructor(readonly users: number, events: PoolEvents) {
    this.failed = new Promise<never>((_, reject) => { this.fail = reject; });
    this.failed.catch(() => undefined);
    const watch = (w: Worker, name: string) => {
      w.addEventListener('error', (e) => {
        e.preventDefault();
        this.fail(workerFailure(name, 'worker-crashed', e.message || 'the worker script failed to load or crashed'));
      });
      w.addEventListener('messageerror', () => this.fail(workerFailure(name, 'worker-crashed', 'a message could not be decoded')));
      // A worker about to die of something it can name says so first (postFatal); a client
      // that survived a lost device says what it runs on now.
      w.addEventListener('message', (e) => {
        const fatal = readFatal(e.data);
        if (fatal) this.fail(workerFailure(name, fatal.code, fatal.message));
        const notice = readBackendNotice(e.data);
        if (notice && this.alive) events.onRecovered({ ...notice, worker: name });
      });
      return w;
    };
    const coordinator = watch(new Worker(new URL('../../workers/coordinator.worker.ts', import.meta.url), { type: 'module', name: 'coordinator' }), 'coordinator');
    const clients = Array.from({ length: users }, (_, i) =>
      watch(new Worker(new URL('../../workers/client.worker.ts', import.meta.url), { type: 'module', name: `client-${i}` }), `client ${i}`));
    this.workers = [coordinator, ...clients];
    this.coordinator = wrap<CoordinatorApi>(coordinator);
    this.clients = clients.map((w) => wrap<ClientApi>(w));
  }

  /** Starts every worker's backend and wires client ↔ coordinator channels. */
  static async create(users: number, backend: BackendPreference, events: PoolEvents): Promise<WorkerPool> {
    const pool = new WorkerPool(users, events);
    try {
      await pool.guard(Promise.all([
        pool.coordinator.start({ backend }).then((c) => events.onBackend('coordinator', c)),
        ...pool.clients.map((c, id) => c.start({ id, backend }).then((choice) => events.onBackend(`client ${id}`, choice))),
      ]));
      const ports = pool.clients.map((c, id) => {
        const channel = new MessageChannel();
        void c.connect(transfer(channel.port1, [channel.port1]));
        return events.interpose ? events.interpose(id, channel.port2) : channel.port2;
      });
      await pool.guard(pool.coordinator.connectClients(transfer(ports, ports)));
    } catch (e) {
      pool.terminate();
      throw e;
    }
    return pool;
  }

  /** `p`, unless a worker fails first. */
  guard<T>(p: Promise<T>): Promise<T> {
    return Promise.race([p, this.failed]);
  }

  get running(): boolean {
    return this.alive;
  }

  get count(): number {
    return this.alive ? this.clients.length : 0;
  }

  terminate(): void {
    this.alive = false;
    for (const w of this.workers) w.terminate();
    this.fail(new LabError('terminated', 'pool stopped: terminated'));
  }

  /** Test and demo hook: make one client worker die. */
  crashClient(id: number): void {
    void this.clients[id]?.crash();
  }

  /** Test and demo hook: make one client worker lose its GPU device (see client.worker.ts). */
  async loseDevice(id: number): Promise<boolean> {
    const c = this.clients[id];
    if (!c) return false;
    await this.guard(c.loseDevice());
    return true;
  }
}
