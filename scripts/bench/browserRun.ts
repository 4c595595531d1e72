import { chromium } from '@playwright/test';
import { createServer } from 'vite';

/** The project's usual Chromium switches (as in playwright.config.ts). */
const BASE_ARGS = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
/** WebGPU on SwiftShader, the CPU implementation (no GPU here). */
export const SWIFTSHADER_ARGS = [...BASE_ARGS, '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader'];
/**
 * WebGPU on the machine's GPU through Vulkan, headless (Chrome's recipe for headless GPU
 * testing on Linux): no SwiftShader switch, and the blocklist ignored so a server GPU is used.
 */
export const HARDWARE_GPU_ARGS = [...BASE_ARGS, '--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-angle=vulkan', '--disable-vulkan-surface', '--ignore-gpu-blocklist'];
export const BROWSER_BACKENDS = ['webgpu', 'webgl', 'wasm', 'cpu'] as const;
const TIMEOUT_MS = 15 * 60_000;

export interface BrowserRun {
  backend: string;
  version: string;
  result: Record<string, unknown>;
}

export interface BrowserOptions {
  quick: boolean;
  log: (line: string) => void;
  backends?: readonly string[];
  /** The GPU check: hardware switches, and Playwright's default SwiftShader switch left out so nothing falls back to it. */
  hardware?: boolean;
}

/**
 * Serves scripts/bench/browser/ from a Vite dev server on 127.0.0.1, cross-origin isolated like
 * the app, and runs the workload in headless Chromium, one fresh browser per backend. Not the
 * app's vite.config.ts: it keeps tfjs-backend-wasm out of dependency pre-bundling, and
 * unbundled, its CommonJS parts do not load in the dev server. Its own dependency cache, so an
 * app dev server running beside it does not re-optimise (and delete) the same files.
 */
export async function runBrowser({ quick, log, backends = BROWSER_BACKENDS, hardware = false }: BrowserOptions): Promise<BrowserRun[]> {
  const server = await createServer({
    configFile: false,
    logLevel: 'error',
    cacheDir: 'node_modules/.vite-bench',
    worker: { format: 'es' },
    // The worker's imports, which the entry scan does not reach: bundled at start, not on first load.
    optimizeDeps: { entries: ['scripts/bench/browser/index.html'], include: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm', '@tensorflow/tfjs-backend-webgpu', 'comlink', 'zod'] },
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
    for (const backend of backends) {
      const browser = await chromium.launch({
        executablePath: '/usr/bin/chromium',
        args: hardware ? HARDWARE_GPU_ARGS : SWIFTSHADER_ARGS,
        ...(hardware ? { ignoreDefaultArgs: ['--enable-unsafe-swiftshader'] } : {}),
      });
      try {
        const page = await browser.newPage();
        page.on('console', (m) => { if (m.type() === 'error') log(`  [${backend}] console: ${m.text()}`); });
        await page.goto(`${base}scripts/bench/browser/index.html?backend=${backend}${quick ? '&quick' : ''}${hardware ? '&hardware' : ''}`);
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
