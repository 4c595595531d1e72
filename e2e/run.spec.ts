import { expect, test } from '@playwright/test';
import { TINY, expectRounds, lab, waitForStatus, watchErrors } from './helpers';

test('synthetic-tiny runs to completion with one worker per user, live charts and a live slider', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(TINY);
  await page.getByRole('button', { name: /Start/ }).click();

  // One dedicated worker per user plus the coordinator, as the browser counts them.
  await expect(page.getByTestId('client-worker-count')).toHaveText('4', { timeout: 60_000 });
  expect(page.workers()).toHaveLength(4 + 1);
  await expect(page.getByTestId('worker-client-3')).toContainText('wasm');

  // Round 0 is evaluated; now add a round while the run is going (keyboard on the slider).
  await expect.poll(async () => (await lab(page)).points.length, { timeout: 60_000 }).toBeGreaterThan(0);
  await page.getByLabel('Rounds', { exact: true }).focus();
  await page.keyboard.press('ArrowRight');
  await expect.poll(async () => (await lab(page)).config.rounds).toBe(3);
  await expect(page).not.toHaveURL(/set\.rounds/); // 3 is the preset's own value

  await waitForStatus(page, 'done', 110_000);
  await expect(page.getByTestId('round-counter')).toHaveText('Round 3 of 3');
  await expectRounds(page, [0, 1, 2, 3]);
  const s = await lab(page);
  for (const p of s.points) expect(p.metaTestAccuracy).toBeGreaterThanOrEqual(0);

  for (const id of ['meta-test', 'main-task']) {
    await expect(page.getByTestId(`chart-${id}`)).toHaveAttribute('data-points', '4');
    await expect(page.getByTestId(`chart-${id}`).locator('.recharts-line-dot, .recharts-dot')).toHaveCount(4);
  }
  await expect(page.getByTestId('chart-norms')).toHaveAttribute('data-points', '3');
  await expect(page.getByTestId('chart-attack')).toHaveAttribute('data-points', '0');

  // Exports: metrics CSV and a chart as PNG.
  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Metrics CSV' }).click();
  const csvPath = await (await csv).path();
  const text = (await import('node:fs')).readFileSync(csvPath, 'utf8');
  expect(text.split('\n')[0]).toMatch(/^round,phase,metaTestAccuracy/);
  expect(text.trim().split('\n')).toHaveLength(5);
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Download Meta-testing accuracy as PNG' }).click();
  const pngFile = await png;
  expect(pngFile.suggestedFilename()).toBe('meta-test.png');
  const head = (await import('node:fs')).readFileSync(await pngFile.path());
  expect(head.subarray(1, 4).toString()).toBe('PNG');
  expect(head.readUInt32BE(16)).toBeGreaterThan(600); // the whole chart at 2×, not a legend icon

  await page.getByTestId('show-episode').click();
  await expect(page.getByTestId('episode-canvas')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/app.png', fullPage: true });

  // Save θ_G, start over from that checkpoint: round 0 of the new run is the old final model
  // (same seed, same evaluation episodes, so the same accuracy).
  const ckpt = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save checkpoint' }).click();
  const saved = await ckpt;
  expect(saved.suggestedFilename()).toBe('backdoor-lab-synthetic-round3.ckpt');
  const final = s.points[3].metaTestAccuracy;
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByTestId('checkpoint-file').setInputFiles({ name: 'trained.ckpt', mimeType: 'application/octet-stream', buffer: (await import('node:fs')).readFileSync(await saved.path()) });
  await expect(page.getByTestId('message').filter({ hasText: 'Starting from checkpoint file:trained.ckpt' })).toBeVisible();
  await expect(page).toHaveURL(/set\.init\.kind=checkpoint/);
  await page.getByRole('button', { name: 'Step one round' }).click();
  await waitForStatus(page, 'paused', 110_000);
  await expectRounds(page, [0, 1]);
  const t = await lab(page);
  expect(t.points[0].metaTestAccuracy).toBeCloseTo(final, 6);
  expect(errors).toEqual([]);
});
