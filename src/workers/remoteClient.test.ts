import { expose, wrap, type Remote } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import type { ExperimentConfig } from '../engine/config/schema';
import type { TrainRequest } from '../engine/fed/client';
import { LabError } from '../engine/errors';
import type { ClientApi } from './client.worker';
import { registerLabErrors, withLabErrors } from './errors';
import { RemoteClient } from './remoteClient';

registerLabErrors();

const ports: MessagePort[] = [];
afterEach(() => { for (const p of ports.splice(0)) p.close(); });

/** `api` exposed on one end of a fresh MessageChannel, wrapped on the other (as between workers). */
function over<T extends Record<string, (...args: never[]) => unknown>>(api: T, source?: string): Remote<T> {
  const { port1, port2 } = new MessageChannel();
  ports.push(port1, port2);
  expose(withLabErrors(api, () => source), port1);
  return wrap<T>(port2);
}

/** A client worker's API where every call fails with `message` (only what the tests call). */
const failingClient = (message: string) => over({
  configure: async (): Promise<void> => { throw new Error(message); },
  dispose: async (): Promise<void> => undefined,
}, 'client 2') as unknown as Remote<ClientApi>;

describe('RemoteClient errors', () => {
  it('blame the client by source; the message names it as before', async () => {
    const e = await new RemoteClient(2, failingClient('out of memory')).configure({} as ExperimentConfig).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LabError);
    expect(e).toMatchObject({ code: 'internal', source: 'client 2', message: 'client 2: out of memory' });
  });

  it('blame the client for a wrong answer too, though it threw nothing', async () => {
    const impostor = over({ train: async () => ({ clientId: 1 }) }) as unknown as Remote<ClientApi>;
    const req = { weights: new Float32Array(2), round: 1 } as unknown as TrainRequest;
    const e = await new RemoteClient(3, impostor).train(req).catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'internal', source: 'client 3', message: 'client 3: answered as client 1' });
  });

  it('keep the source through the coordinator on to the main thread (two hops)', async () => {
    const remote = new RemoteClient(2, failingClient('boom'));
    // The coordinator's own API reports errors with no source of its own.
    const coordinator = over({ update: (c: ExperimentConfig) => remote.configure(c) });
    const e = await coordinator.update({} as ExperimentConfig).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LabError);
    expect(e).toMatchObject({ source: 'client 2', message: 'client 2: boom' });
  });
});
