import type { ExperimentConfig } from '../engine/config/schema';
import type { ClientUpdate, TrainRequest } from '../engine/fed/client';
import type { ClientSetup } from './clientSetup';
import { RecoveringClient, type RecoveringDeps } from './recoveringClient';

/**
 * Which run a client belongs to: the run itself, or its benign twin (a paired run, see
 * config/twin.ts). Each user's worker holds one client per lane, each with its own state.
 */
export type Lane = 'attacked' | 'twin';

/**
 * A client worker's clients, one per lane, over one tfjs backend. Calls run one at a time in
 * the order they arrive, so the two runs never interleave inside a call (nor a backend restart
 * inside the other lane's round); a lane whose backend another lane's recovery replaced is
 * rebuilt from its state at its next call (recoveringClient.ts).
 */
export class ClientLanes {
  private readonly run: RecoveringClient;
  private twin: RecoveringClient | null = null;
  private queue: Promise<unknown> = Promise.resolve();

  constructor(private readonly deps: RecoveringDeps) {
    this.run = new RecoveringClient(deps);
  }

  /** A run's setup starts a new run: a twin of the previous one is dropped (set one up after). */
  setup(s: ClientSetup, lane: Lane = 'attacked'): Promise<void> {
    return this.serial(async () => {
      if (lane === 'attacked') {
        await this.dropTwin();
        return this.run.setup(s);
      }
      this.twin ??= new RecoveringClient(this.deps);
      return this.twin.setup(s);
    });
  }

  train(req: TrainRequest, lane: Lane = 'attacked'): Promise<ClientUpdate> {
    return this.serial(() => this.lane(lane).train(req));
  }

  configure(config: ExperimentConfig, lane: Lane = 'attacked'): Promise<void> {
    return this.serial(() => this.lane(lane).configure(config));
  }

  dispose(): Promise<void> {
    return this.serial(async () => {
      await this.dropTwin();
      await this.run.dispose();
    });
  }

  /** Test hook (loseDevice): the run's next train fails once as if the device had been lost. */
  forceLoss(): void {
    this.run.forceLoss();
  }

  private lane(lane: Lane): RecoveringClient {
    if (lane === 'attacked') return this.run;
    if (!this.twin) throw new Error(`${this.deps.name} has no benign-twin client (the run was prepared without one)`);
    return this.twin;
  }

  private async dropTwin(): Promise<void> {
    const t = this.twin;
    this.twin = null;
    await t?.dispose();
  }

  private serial<T>(f: () => Promise<T>): Promise<T> {
    const run = this.queue.then(f);
    this.queue = run.catch(() => undefined);
    return run;
  }
}
