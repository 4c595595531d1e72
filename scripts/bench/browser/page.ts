// Runs the workload in a module worker, as the app trains (one worker per simulated user),
// and leaves the outcome on window.benchResult for the Playwright driver.
const params = new URLSearchParams(location.search);
const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
const done = (value: unknown) => Object.assign(window, { benchResult: value });
worker.onmessage = (e: MessageEvent) => done(e.data);
worker.onerror = (e: ErrorEvent) => done({ error: e.message || 'worker failed to start' });
worker.postMessage({ backend: params.get('backend'), quick: params.has('quick'), isolated: crossOriginIsolated });
