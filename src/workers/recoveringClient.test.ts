import { describe, expect, it } from 'vitest';
import type { BackendChoice } from '../engine/backend/initBackend';
import type { ExperimentConfig } from '../engine/config/schema';
import { LabError } from '../engine/errors';
import type { ClientState, FederatedClient, TrainRequest } from '../engine/fed/client';
import type { ClientSetup } from './clientSetup';
import { RecoveringClient } from './recoveringClient';
import type { BackendNotice, RecoverableBackend } from './recovery';

/**
 * A client whose update depends on the state it carries across rounds (`t`, like Adam's step
 * count) and on its config, so a rebuild that forgot either would change the numbers.
 */
class CountingClient implements FederatedClient {
  t = 0;
  lr = 1;
  /** Set by the test: the next train throws this (once). */
  failNext: unknown = null;
  constructor(readonly id: number, readonly log: string[]) {}
  async train(req: TrainRequest) {
    this.t += 1;
    if (this.failNext) {
      const e = this.failNext;
      this.failNext = null;
      throw e;
    }
    return { clientId: this.id, delta: Float32Array.of(req.seed * this.lr + this.t), numExamples: 1 };
  }
  async snapshot(): Promise<ClientState> {
    return { trainer: { t: this.t, v: null, m: null } };
  }
  restore(s: ClientState) {
    this.log.push('restore');
    this.t = s.trainer!.t;
  }
  configure(c: ExperimentConfig) {
    this.log.push('configure');
    this.lr = (c as unknown as { lr: number }).lr;
  }
  dispose() {}
}

const WASM: BackendChoice = { name: 'wasm', reason: 'no WebGPU adapter; using wasm' };
const GPU: BackendChoice = { name: 'webgpu', reason: 'hardware WebGPU adapter' };

function harness(start: BackendChoice = GPU, restartTo: BackendChoice | Error = WASM, onBuild: (c: CountingClient, n: number) => void = () => {}) {
  const log: string[] = [];
  const built: CountingClient[] = [];
  const notices: BackendNotice[] = [];
  let lost: string | null = null;
  let current = start;
  const backend: RecoverableBackend = {
    get current() { return current; },
    lost: () => lost,
    async restart() {
      log.push('restart');
      if (restartTo instanceof Error) throw restartTo;
      lost = null;
      return (current = restartTo);
    },
  };
  const client = new RecoveringClient({
    name: 'client 1',
    backend,
    build: () => {
      log.push('build');
      const c = new CountingClient(1, log);
      onBuild(c, built.length);
      built.push(c);
      return c;
    },
    onRecovered: (n) => notices.push(n),
  });
  return { client, log, built, notices, loseDevice: (why: string) => { lost = why; }, latest: () => built[built.length - 1] };
}

const setup = {} as ClientSetup;
const req = (round: number): TrainRequest => ({ round, seed: 10 * round, weights: new Float32Array(1) });
const deltas = async (c: RecoveringClient, rounds: number[]) => {
  const out: number[] = [];
  for (const r of rounds) out.push((await c.train(req(r))).delta[0]);
  return out;
};

describe('RecoveringClient', () => {
  it('re-runs a round that lost the device, from the state before it, with the same numbers', async () => {
    const plain = harness();
    await plain.client.setup(setup);
    const expected = await deltas(plain.client, [1, 2, 3]);

    const h = harness();
    await h.client.setup(setup);
    await h.client.train(req(1));
    h.latest().failNext = new LabError('gpu-device-lost', 'GPU device lost (unknown)');
    expect(await deltas(h.client, [2, 3])).toEqual(expected.slice(1));
    expect(h.built).toHaveLength(2);
    expect(h.notices).toEqual([{ worker: 'client 1', backend: WASM, reason: 'GPU device lost (unknown); fell back to wasm', round: 2 }]);
  });

  it('takes any error of a WebGPU kernel for device trouble', async () => {
    const h = harness();
    await h.client.setup(setup);
    h.latest().failNext = new Error('Failed to execute mapAsync');
    expect((await h.client.train(req(1))).delta[0]).toBe(11);
    expect(h.notices[0].reason).toBe('WebGPU kernel failed (Failed to execute mapAsync); fell back to wasm');
  });

  it('recovers a device lost between calls before the next one, replaying the config before the state', async () => {
    const h = harness();
    await h.client.setup(setup);
    await h.client.train(req(1));
    await h.client.configure({ lr: 2 } as unknown as ExperimentConfig);
    h.loseDevice('GPU device lost (driver reset)');
    h.log.length = 0;
    expect((await h.client.train(req(2))).delta[0]).toBe(20 * 2 + 2);
    expect(h.log).toEqual(['restart', 'build', 'configure', 'restore']);
    expect(h.notices).toMatchObject([{ reason: 'GPU device lost (driver reset); fell back to wasm', round: null }]);
  });

  it('discards a result computed while the device was going away', async () => {
    const h = harness();
    await h.client.setup(setup);
    const first = h.latest();
    const train = first.train.bind(first);
    first.train = async (r) => {
      const u = await train(r);
      h.loseDevice('GPU device lost (destroyed)');
      return u;
    };
    expect((await h.client.train(req(1))).delta[0]).toBe(11);
    expect(h.built).toHaveLength(2);
    expect(h.notices[0].round).toBe(1);
  });

  it('makes the next train fail once on request (loseDevice), on wasm too', async () => {
    const h = harness(WASM, WASM);
    await h.client.setup(setup);
    h.client.forceLoss();
    expect(await deltas(h.client, [1, 2])).toEqual([11, 22]);
    expect(h.notices).toEqual([{ worker: 'client 1', backend: WASM, reason: 'GPU device lost (forced by loseDevice); restarted wasm', round: 1 }]);
  });

  it('leaves other errors alone off WebGPU', async () => {
    const h = harness(WASM);
    await h.client.setup(setup);
    h.latest().failNext = new Error('out of memory');
    await expect(h.client.train(req(1))).rejects.toThrow('out of memory');
    expect(h.log).not.toContain('restart');
  });

  it('gives up with a gpu-device-lost error when recovery fails or the loss repeats', async () => {
    const broken = harness(GPU, new Error('no adapter'));
    await broken.client.setup(setup);
    broken.latest().failNext = new LabError('gpu-device-lost', 'GPU device lost (oom)');
    await expect(broken.client.train(req(1))).rejects.toMatchObject({ code: 'gpu-device-lost', message: 'GPU device lost (oom); recovery failed (no adapter)' });

    const twice = harness(GPU, GPU, (c, n) => { c.failNext = new LabError('gpu-device-lost', `GPU device lost (${'ab'[n]})`); });
    await twice.client.setup(setup);
    await expect(twice.client.train(req(1))).rejects.toMatchObject({ code: 'gpu-device-lost', message: 'GPU device lost (b) again after recovering from: GPU device lost (a)' });
    expect(twice.built).toHaveLength(2); // one recovery, no loop
  });
});
