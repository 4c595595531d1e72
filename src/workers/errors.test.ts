import { expose, transferHandlers, wrap } from 'comlink';
import { afterEach, describe, expect, it } from 'vitest';
import { ConfigError } from '../engine/config/parse';
import { fetchDataset } from './fetchDataset';
import { LabError } from '../engine/errors';
import { postFatal, readFatal, registerLabErrors, toLabError, withLabErrors } from './errors';

registerLabErrors();
const handler = transferHandlers.get('throw')!;

/** What the other side of postMessage sees: serialize, structured-clone, deserialize (which throws). */
function roundTrip(thrown: unknown): unknown {
  const [wire] = handler.serialize({ value: thrown });
  try {
    handler.deserialize(structuredClone(wire));
  } catch (e) {
    return e;
  }
  throw new Error('deserialize did not throw');
}

const notFound = (async () => new Response('not found', { status: 404 })) as typeof fetch;

describe('LabError across comlink', () => {
  it('keeps code, source and message through serialize → structured clone → deserialize', () => {
    const back = roundTrip(new LabError('gpu-device-lost', 'GPU device lost (unknown)', 'client 1'));
    expect(back).toBeInstanceOf(LabError);
    expect(back).toMatchObject({ code: 'gpu-device-lost', source: 'client 1', message: 'GPU device lost (unknown)' });
  });

  it('leaves other errors to comlink: a plain Error keeps its message and is no LabError', () => {
    const back = roundTrip(new TypeError('boom'));
    expect(back).not.toBeInstanceOf(LabError);
    expect(back).toMatchObject({ message: 'boom', name: 'TypeError' });
  });

  it('registers once: a second call keeps the same handler', () => {
    registerLabErrors();
    expect(transferHandlers.get('throw')).toBe(handler);
  });
});

describe('toLabError', () => {
  it('maps the engine\'s ConfigError to "config" and anything else to "internal", keeping the message', () => {
    const c = toLabError(new ConfigError([{ field: 'rounds', message: 'Too small' }]), 'client 0');
    expect(c).toMatchObject({ code: 'config', message: 'rounds: Too small', source: 'client 0' });
    expect(toLabError(new Error('oops'))).toMatchObject({ code: 'internal', message: 'oops', source: undefined });
    expect(toLabError('a string')).toMatchObject({ code: 'internal', message: 'a string' });
  });

  it('keeps a LabError\'s code, and its source when it has one', () => {
    const tagged = new LabError('dataset-missing', 'gone', 'client 2');
    expect(toLabError(tagged, 'coordinator')).toBe(tagged);
    expect(toLabError(new LabError('dataset-missing', 'gone'), 'client 3')).toMatchObject({ code: 'dataset-missing', source: 'client 3' });
  });
});

describe('a worker API over a real MessageChannel (no workers)', () => {
  const channels: MessageChannel[] = [];
  afterEach(() => { for (const c of channels.splice(0)) { c.port1.close(); c.port2.close(); } });

  function remote<T extends Record<string, (...args: never[]) => unknown>>(api: T, source?: string) {
    const c = new MessageChannel();
    channels.push(c);
    expose(withLabErrors(api, () => source), c.port1);
    return wrap<T>(c.port2);
  }

  it('a client\'s ConfigError arrives as code "config" from that client, with its message', async () => {
    const client = remote({ configure: (): void => { throw new ConfigError([{ field: 'reptile.innerLr', message: 'Too small' }]); } }, 'client 2');
    const e = await client.configure().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(LabError);
    expect(e).toMatchObject({ code: 'config', source: 'client 2', message: 'reptile.innerLr: Too small' });
  });

  it('a dataset that is not built arrives as "dataset-missing", blaming no worker, with the hint', async () => {
    const coordinator = remote({ prepare: () => fetchDataset('/datasets', 'omniglot', { fetch: notFound }) });
    const e = await coordinator.prepare().catch((x: unknown) => x);
    expect(e).toMatchObject({ code: 'dataset-missing', source: undefined });
    expect((e as Error).message).toMatch(/^Dataset "omniglot": \/datasets\/omniglot\/index\.json answered HTTP 404\. Run `npm run datasets`/);
  });

  it('answers pass through untouched', async () => {
    const api = remote({ add: async (a: number, b: number) => a + b });
    await expect(api.add(2, 3)).resolves.toBe(5);
  });
});

describe('fatal notices', () => {
  it('carry a LabError to the main thread; other messages are not notices', () => {
    let sent: unknown;
    postFatal({ postMessage: (m) => { sent = structuredClone(m); } }, new LabError('gpu-device-lost', 'GPU device lost (oom)', 'coordinator'));
    expect(readFatal(sent)).toMatchObject({ code: 'gpu-device-lost', source: 'coordinator', message: 'GPU device lost (oom)' });
    expect(readFatal({ id: 'abc', type: 'HANDLER' })).toBeNull();
    expect(readFatal(null)).toBeNull();
  });
});
