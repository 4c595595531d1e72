import { expect, test } from '@playwright/test';
import { TINY, expectRounds, lab, waitForStatus } from './helpers';

// Runs in the "no-webgpu" project: Chromium without the WebGPU flags.
test('@no-webgpu without WebGPU every worker (one per user) falls back to wasm and the run completes', async ({ page }) => {
  await page.goto(`${TINY}&set.rounds=1&set.federation.users=3`);
  const adapter = await page.evaluate(async () => {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return !!(gpu && (await gpu.requestAdapter()));
  });
  expect(adapter).toBe(false);
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByTestId('client-worker-count')).toHaveText('3', { timeout: 60_000 }); // one per user
  expect(page.workers()).toHaveLength(3 + 1);
  await waitForStatus(page, 'done', 110_000);
  await expectRounds(page, [0, 1]);
  const s = await lab(page);
  for (const w of s.workers) {
    expect(w.backend?.name, w.name).toBe('wasm');
    expect(w.backend?.reason, w.name).toMatch(/WebGPU is not available|no WebGPU adapter/);
  }
});
