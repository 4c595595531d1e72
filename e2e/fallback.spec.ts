import { expect, test } from '@playwright/test';
import { TINY, expectRounds, lab, waitForStatus } from './helpers';

// Runs in the "no-webgpu" project: Chromium without the WebGPU flags.
test('@no-webgpu without WebGPU every worker falls back to wasm and the run completes', async ({ page }) => {
  await page.goto(`${TINY}&set.rounds=1`);
  const adapter = await page.evaluate(async () => {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return !!(gpu && (await gpu.requestAdapter()));
  });
  expect(adapter).toBe(false);
  await page.getByRole('button', { name: /Start/ }).click();
  await waitForStatus(page, 'done', 110_000);
  await expectRounds(page, [0, 1]);
  const s = await lab(page);
  for (const w of s.workers) {
    expect(w.backend?.name, w.name).toBe('wasm');
    expect(w.backend?.reason, w.name).toMatch(/WebGPU is not available|no WebGPU adapter/);
  }
});
