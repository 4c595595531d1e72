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

// One user (two WebGPU devices with the coordinator), in a fresh browser (project webgpu-forced).
// The engine reads tensors only asynchronously now (synchronous reads went through canvases that
// SwiftShader dropped); the workload is the smallest that still trains and evaluates, because
// SwiftShader takes seconds per Adam step.
test('@webgpu-forced ?backend=webgpu really trains on WebGPU (SwiftShader) for one round', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${TINY}&set.model.imageSize=16&set.reptile.episodesPerRound=1&set.reptile.metaBatch=1&set.reptile.innerSteps=1&set.eval.episodes=1&set.eval.steps=1&set.eval.mainTask=false` +
    '&set.federation.users=1&set.federation.perRound=1&set.federation.minUpdates=1&backend=webgpu');
  await page.getByRole('button', { name: 'Step one round' }).click();
  await waitForStatus(page, 'paused', 110_000);
  await expectRounds(page, [0, 1]);
  const s = await lab(page);
  for (const w of s.workers) expect(w.backend, w.name).toEqual({ name: 'webgpu', reason: 'requested' });
  await expect(page.getByTestId('round-counter')).toHaveText('Round 1 of 2');
  await expect(page).toHaveURL(/backend=webgpu/);
  expect(errors).toEqual([]);
});
