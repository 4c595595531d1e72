import { describe, expect, it } from 'vitest';
import type { BackendChoice } from '../engine/backend/initBackend';
import type { ExperimentConfig } from '../engine/config/schema';
import { LabError } from '../engine/errors';
import type { ClientState, FederatedClient, TrainRequest } from '../engine/fed/client';
import { ClientLanes } from './clientLanes';
import type { ClientSetup } from './clientSetup';
import type { RecoverableBackend } from './recovery';

/** A client whose update counts its own trains (state across rounds, like Adam's step), and names its lane. */
class Counting implements FederatedClient {
  t = 0;
  failNext: unknown = null;
  constructor(readonly id: number, readonly lane: number, readonly log: string[], readonly gate: Promise<void> | null) {}
  async train(req: TrainRequest) {
    this.log.push(`start ${this.lane}`);
    if (this.gate) await this.gate;
    this.t += 1;
    this.log.push(`end ${this.lane}`);
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    return { clientId: this.id, delta: Float32Array.of(1000 * this.lane + 10 * req.round + this.t), numExamples: 1 };
  }
  async snapshot(): Promise<ClientState> { return { trainer: { t: this.t, v: null, m: null } }; }
  restore(s: ClientState) { this.log.push(`restore ${this.lane}`); this.t = s.trainer!.t; }
  configure(_c: ExperimentConfig) {}
  dispose() { this.log.push(`dispose ${this.lane}`); }
}

const WASM: BackendChoice = { name: 'wasm', reason: 'no WebGPU adapter; using wasm' };

function harness(gate: Promise<void> | null = null) {
  const log: string[] = [];
  const built: Counting[] = [];
  let restarts = 0;
  const backend: RecoverableBackend = {
    current: WASM,
    get restarts() { return restarts; },
    lost: () => null,
    async restart() { restarts++; log.push('restart'); return WASM; },
  };
  // The setup's `id` field stands in for the lane here: 0 the run, 1 its twin.
  const lanes = new ClientLanes({
    name: 'client 2',
    backend,
    build: (s) => { const c = new Counting(2, s.id, log, gate); built.push(c); log.push(`build ${s.id}`); return c; },
    onRecovered: () => {},
  });
  return { lanes, log, built };
}
const run = { id: 0 } as ClientSetup;
const twin = { id: 1 } as ClientSetup;
const req = (round: number): TrainRequest => ({ round, seed: round, weights: new Float32Array(1) });
const delta = async (p: Promise<{ delta: Float32Array }>) => (await p).delta[0];

describe('ClientLanes', () => {
  it('keeps a client per lane, each with its own state', async () => {
    const { lanes } = harness();
    await lanes.setup(run);
    await lanes.setup(twin, 'twin');
    expect(await delta(lanes.train(req(1)))).toBe(11);
    expect(await delta(lanes.train(req(2)))).toBe(22);
    expect(await delta(lanes.train(req(1), 'twin'))).toBe(1011); // its first train, not its third
  });

  it('runs calls one at a time, in the order they came', async () => {
    let open!: () => void;
    const { lanes, log } = harness(new Promise<void>((r) => { open = r; }));
    await lanes.setup(run);
    await lanes.setup(twin, 'twin');
    const both = Promise.all([lanes.train(req(1)), lanes.train(req(1), 'twin')]);
    await new Promise((r) => setTimeout(r, 0));
    expect(log.filter((l) => l.startsWith('start'))).toEqual(['start 0']);
    open();
    await both;
    expect(log.slice(-4)).toEqual(['start 0', 'end 0', 'start 1', 'end 1']);
  });

  it('rebuilds a lane from its state when the other lane\'s recovery replaced the backend', async () => {
    const { lanes, log, built } = harness();
    await lanes.setup(run);
    await lanes.setup(twin, 'twin');
    await lanes.train(req(1), 'twin');
    built[0].failNext = new LabError('gpu-device-lost', 'GPU device lost (test)');
    expect(await delta(lanes.train(req(1)))).toBe(11); // the run's round re-ran from its state
    log.length = 0;
    expect(await delta(lanes.train(req(2), 'twin'))).toBe(1022); // the same number as without the loss
    expect(log).toEqual(['dispose 1', 'build 1', 'restore 1', 'start 1', 'end 1']);
  });

  it('drops the twin when a new run is set up, and says so if it is asked for', async () => {
    const { lanes } = harness();
    await lanes.setup(run);
    await lanes.setup(twin, 'twin');
    await lanes.setup(run);
    await expect(lanes.train(req(1), 'twin')).rejects.toThrow('client 2 has no benign-twin client');
    expect(await delta(lanes.train(req(1)))).toBe(11); // a failed call does not block the queue
  });
});
