// Runs the workload in a module worker, as the app trains (one worker per simulated user),
// and leaves the outcome on window.benchResult for the Playwright driver.
const params = new URLSearchParams(location.search);
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const done = (value: unknown) => { if (!('benchResult' in window)) Object.assign(window, { benchResult: value }); };
// The worker's own answer (figures, or an error with the synchronous reads seen) has `stepMs` or
// `error`; the app's worker start-up also posts a fatal notice when a GPU device is lost, and
// then throws: that error only stands when no answer follows.
worker.onmessage = (e: MessageEvent) => { if ('stepMs' in e.data || 'error' in e.data) done(e.data); };
worker.onerror = (e: ErrorEvent) => { setTimeout(() => done({ error: e.message || 'worker failed to start' }), 2000); };
worker.postMessage({ backend: params.get('backend'), quick: params.has('quick'), hardware: params.has('hardware'), isolated: crossOriginIsolated });
