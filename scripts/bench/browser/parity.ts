// e2e/parity.spec.ts: one federated round in a module worker on ?backend=…, from ?seed=…; the
// outcome lands on window.parityResult. The app's worker start-up also posts a fatal notice
// when a GPU device is lost, and throws: that error stands only when the worker's own answer
// (which carries the synchronous reads it saw) does not follow.
const params = new URLSearchParams(location.search);
const worker = new Worker(new URL('./parityWorker.ts', import.meta.url), { type: 'module' });
const done = (value: unknown) => { if (!('parityResult' in window)) Object.assign(window, { parityResult: value }); };
worker.onmessage = (e: MessageEvent) => { if ('global' in e.data || 'error' in e.data) done(e.data); };
worker.onerror = (e: ErrorEvent) => { setTimeout(() => done({ error: e.message || 'worker failed to start', syncReads: [] }), 2000); };
worker.postMessage({ backend: params.get('backend'), seed: Number(params.get('seed') ?? 1) });
