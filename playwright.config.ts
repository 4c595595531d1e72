import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests on Debian's Chromium against the production build (`npm run test:e2e` runs
 * `vite build` first). Two browser set-ups: with WebGPU offered through SwiftShader (the CI GPU),
 * and plain (no WebGPU flags) for the fallback. Tests run one at a time: each one starts a
 * worker per simulated user, and the machine has 2 cores.
 */
const PORT = 4391;
/** The classroom relay's port; e2e/classroom.spec.ts uses the same number. */
const CLASSROOM_PORT = 4392;
const base = ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic', '--no-first-run'];
const webgpu = ['--enable-unsafe-webgpu', '--enable-features=Vulkan', '--use-vulkan=swiftshader', '--use-webgpu-adapter=swiftshader', '--enable-unsafe-swiftshader'];

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 1,
  fullyParallel: false,
  retries: 0,
  timeout: 120_000,
  expect: { timeout: 15_000 },
  reporter: [['list']],
  use: {
    baseURL: `http://localhost:${PORT}`,
    viewport: { width: 1400, height: 1000 },
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'webgpu-swiftshader',
      grepInvert: /@no-webgpu|@webgpu-forced/,
      use: { browserName: 'chromium', launchOptions: { executablePath: '/usr/bin/chromium', args: [...base, ...webgpu] } },
    },
    {
      // ?backend=webgpu on SwiftShader, in its own browser with ANGLE on Vulkan. Synchronous reads
      // (dataSync) went through WebGPU canvases that headless SwiftShader drops ("A valid external
      // Instance reference no longer exists"); the engine and workers read only asynchronously
      // now (a lint rule keeps it so). Nothing here retries.
      name: 'webgpu-forced',
      grep: /@webgpu-forced/,
      use: { browserName: 'chromium', launchOptions: { executablePath: '/usr/bin/chromium', args: [...base, ...webgpu, '--use-angle=vulkan', '--enable-features=Vulkan,VulkanFromANGLE,DefaultANGLEVulkan'] } },
    },
    {
      name: 'no-webgpu',
      grep: /@no-webgpu/,
      use: { browserName: 'chromium', launchOptions: { executablePath: '/usr/bin/chromium', args: base } },
    },
  ],
  webServer: [
    {
      command: `npx vite preview --port ${PORT} --strictPort`,
      url: `http://localhost:${PORT}`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
    {
      // The classroom relay serving the same build (e2e/classroom.spec.ts).
      command: `npx tsx src/server/main.ts --port ${CLASSROOM_PORT} --host 127.0.0.1 --quiet`,
      url: `http://127.0.0.1:${CLASSROOM_PORT}/classroom/info`,
      reuseExistingServer: false,
      timeout: 60_000,
    },
  ],
});
