import { expect, test } from '@playwright/test';
import { TINY, waitForStatus } from './helpers';

test('a client worker that dies is named, the run stops cleanly and Restart recovers', async ({ page }) => {
  await page.goto(`${TINY}&set.rounds=20`);
  await page.getByRole('button', { name: /Start/ }).click();
  await waitForStatus(page, 'running', 60_000);
  await page.evaluate(() => (window as unknown as { backdoorLab: { controller: { crashClient(i: number): void } } }).backdoorLab.controller.crashClient(2));

  await waitForStatus(page, 'error', 20_000);
  await expect(page.getByTestId('run-error')).toContainText('client 2');
  await expect(page.getByTestId('worker-client-2')).toHaveClass(/worker-error/);
  await expect.poll(() => page.workers().length).toBe(0);

  await page.getByTestId('run-error').getByRole('button', { name: 'Restart' }).click();
  await waitForStatus(page, 'running', 60_000);
  await expect(page.getByTestId('client-worker-count')).toHaveText('4');
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  await page.getByRole('button', { name: 'Reset' }).click();
  await waitForStatus(page, 'idle');
});
