import { expect, test } from '@playwright/test';
import { TINY, expectRounds, lab, waitForStatus, watchErrors } from './helpers';

const hasAdapter = (page: import('@playwright/test').Page) =>
  page.evaluate(async () => {
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return !!(gpu && (await gpu.requestAdapter()));
  });

test('auto: the browser offers WebGPU through SwiftShader, the app reports it as software and uses wasm', async ({ page }) => {
  await page.goto(TINY);
  expect(await hasAdapter(page)).toBe(true);
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByTestId('client-worker-count')).toHaveText('4', { timeout: 60_000 });
  const s = await lab(page);
  for (const w of s.workers) {
    expect(w.backend?.name, w.name).toBe('wasm');
    expect(w.backend?.reason, w.name).toMatch(/software \(SwiftShader\)/);
  }
  await expect(page.getByTestId('worker-client-0')).toContainText('SwiftShader');
  await page.getByRole('button', { name: 'Reset' }).click();
  await waitForStatus(page, 'idle');
  await expect.poll(() => page.workers().length).toBe(0); // a busy run is stopped, its workers ended
});

// One user (two WebGPU devices with the coordinator), in a fresh browser (project webgpu-forced):
// on this machine SwiftShader's GPU process drops every device ("A valid external Instance
// reference no longer exists") when several train in one page or after earlier WebGPU pages.
// Known flaky (about 1 run in 4 loses the device) while the engine still reads tensors
// synchronously on WebGPU: a flaky test is a failing test, so it is parked, not retried, until
// the WebGPU issue (async reads, device-loss recovery) makes it pass every time.
test.fixme('@webgpu-forced ?backend=webgpu really trains on WebGPU (SwiftShader) for one round', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${TINY}&set.reptile.episodesPerRound=5&set.eval.episodes=2&set.federation.users=1&set.federation.perRound=1&set.federation.minUpdates=1&backend=webgpu`);
  await page.getByRole('button', { name: 'Step one round' }).click();
  await waitForStatus(page, 'paused', 110_000);
  await expectRounds(page, [0, 1]);
  const s = await lab(page);
  for (const w of s.workers) expect(w.backend, w.name).toEqual({ name: 'webgpu', reason: 'requested' });
  await expect(page.getByTestId('round-counter')).toHaveText('Round 1 of 2');
  await expect(page).toHaveURL(/backend=webgpu/);
  expect(errors).toEqual([]);
});
