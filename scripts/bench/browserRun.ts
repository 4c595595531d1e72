import { chromium } from '@playwright/test';
import { createServer } from 'vite';

/** Chromium switches: the project's usual set, plus WebGPU on SwiftShader (no GPU here). */
const ARGS = [
  '--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run',
  '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader',
];
export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const TIMEOUT_MS = 15 * 60_000;

export interface BrowserRun {
  backend: string;
  version: string;
  result: Record<string, unknown>;
}

/**
 * Serves scripts/bench/browser/ from a Vite dev server on 127.0.0.1, cross-origin isolated like
 * the app, and runs the workload in headless Chromium, one fresh browser per backend. Not the
 * app's vite.config.ts: it keeps tfjs-backend-wasm out of dependency pre-bundling, and
 * unbundled, its CommonJS parts do not load in the dev server.
 */
export async function runBrowser(quick: boolean, log: (line: string) => void): Promise<BrowserRun[]> {
  const server = await createServer({
    configFile: false,
    logLevel: 'error',
    worker: { format: 'es' },
    server: {
      host: '127.0.0.1',
      port: 5391,
      headers: { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp' },
    },
  });
  await server.listen();
  const base = server.resolvedUrls!.local[0];
  const runs: BrowserRun[] = [];
  try {
    for (const backend of BROWSER_BACKENDS) {
      const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ARGS });
      try {
        const page = await browser.newPage();
        page.on('console', (m) => { if (m.type() === 'error') log(`  [${backend}] console: ${m.text()}`); });
        await page.goto(`${base}scripts/bench/browser/index.html?backend=${backend}${quick ? '&quick' : ''}`);
        const handle = await page.waitForFunction(() => (globalThis as { benchResult?: unknown }).benchResult, null, { timeout: TIMEOUT_MS, polling: 500 });
        runs.push({ backend, version: browser.version(), result: (await handle.jsonValue()) as Record<string, unknown> });
      } catch (e) {
        runs.push({ backend, version: browser.version(), result: { error: (e as Error).message.split('\n')[0] } });
      } finally {
        await browser.close();
      }
      log(`  browser ${backend}: done`);
    }
  } finally {
    await server.close();
  }
  return runs;
}
