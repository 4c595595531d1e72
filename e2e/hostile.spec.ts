import { expect, test } from '@playwright/test';
import { TINY, expectRounds, lab, waitForStatus, watchErrors } from './helpers';

// A shared link is untrusted input (docs/security.md): the app must render, say what it ignored
// and still run, with no prototype polluted and nothing from the URL executed as markup.

test('a link with __proto__ and unknown parameters renders, names them and runs', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(`${TINY}&set.__proto__.polluted=1&set.constructor.prototype.polluted=1&rounds=3`);
  await expect(page.getByRole('heading', { name: 'Backdoor Lab' })).toBeVisible();
  expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
  const messages = page.getByTestId('message');
  await expect(messages.filter({ hasText: 'set.__proto__.polluted=1 ignored' })).toContainText('reserved name');
  await expect(messages.filter({ hasText: 'set.constructor.prototype.polluted=1 ignored' })).toBeVisible();
  await expect(messages.filter({ hasText: 'Unknown URL parameter rounds=3' })).toContainText('did you mean set.rounds?');
  await expect(page).not.toHaveURL(/__proto__|constructor|rounds=3/); // the address bar holds what is used

  await page.getByRole('button', { name: /Start/ }).click();
  await waitForStatus(page, 'done', 110_000);
  await expectRounds(page, [0, 1, 2]);
  expect((await lab(page)).config.rounds).toBe(2);
  expect(errors).toEqual([]);
});

test('a script-like preset name is shown as text, never run, and the default preset loads', async ({ page }) => {
  const errors = watchErrors(page);
  const dialogs: string[] = [];
  page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
  const name = '<script>alert(1)</script><img src=x onerror=alert(2)>';
  await page.goto(`/?preset=${encodeURIComponent(name)}&set.__proto__.polluted=1`);
  await expect(page.getByRole('heading', { name: 'Backdoor Lab' })).toBeVisible();
  await expect(page.getByTestId('message').filter({ hasText: `Unknown preset "${name}"` })).toBeVisible();
  await expect(page.getByRole('button', { name: /Start/ })).toBeEnabled();
  await expect(page).toHaveURL(/preset=classroom-demo/);
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (({}) as Record<string, unknown>).polluted)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(errors).toEqual([]);
});
