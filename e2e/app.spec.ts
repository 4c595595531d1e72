import { expect, test } from '@playwright/test';
import { lab, watchErrors } from './helpers';

test('the app loads with the classroom demo and every main control', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Backdoor Lab' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Start/ })).toBeEnabled();
  await expect(page).toHaveURL(/preset=classroom-demo/);
  for (const label of ['Rounds', 'Users per round', 'Inner learning rate η', 'Outer learning rate ε', 'Ways N', 'Shots K (meta-training)'])
    await expect(page.getByLabel(label, { exact: true })).toBeVisible();
  // λ and δ have knobs (a slider once the field is active, a hint otherwise).
  await expect(page.getByText('Boosting factor λ')).toBeVisible();
  await expect(page.getByText(/Defense δ/)).toBeVisible();
  for (const chart of ['meta-test', 'main-task', 'attack', 'norms']) await expect(page.getByTestId(`chart-${chart}`)).toBeVisible();
  await expect(page.getByTestId('chart-attack')).toContainText(/attack/i);
  expect(page.workers()).toHaveLength(0); // nothing trains before Start
  expect(errors).toEqual([]);
});

test('a slider changes the config and the URL, from the keyboard too', async ({ page }) => {
  await page.goto('/?preset=synthetic-tiny');
  const rounds = page.getByLabel('Rounds', { exact: true });
  await rounds.focus();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await expect(page).toHaveURL(/set\.rounds=5/);
  expect((await lab(page)).config.rounds).toBe(5);
  await expect(page.getByLabel('Rounds value')).toHaveValue('5');

  const lr = page.getByLabel('Inner learning rate η value');
  await lr.fill('0.02');
  await expect(page).toHaveURL(/set\.reptile\.innerLr=0\.02/);
  expect((await lab(page)).config.reptile.innerLr).toBe(0.02);
});

test('a shared URL restores the run, and bad parameters fall back with a message naming them', async ({ page }) => {
  await page.goto('/?preset=synthetic-tiny&seed=42&set.task.ways=3&set.reptile.outerLr=0.25&set.federation.users=3');
  const s = await lab(page);
  expect(s.config.seed).toBe(42);
  expect(s.config.task.ways).toBe(3);
  expect(s.config.reptile.outerLr).toBe(0.25);
  expect(s.config.federation.users).toBe(3);
  await expect(page.getByLabel('Ways N value')).toHaveValue('3');
  await expect(page.getByLabel('Seed')).toHaveValue('42');
  await expect(page.getByTestId('message')).toHaveCount(0);

  await page.goto('/?preset=synthetic-tiny&set.reptile.innerLr=-3&set.rounds=4&set.model.bogus=1');
  const t = await lab(page);
  expect(t.config.rounds).toBe(4);
  expect(t.config.reptile.innerLr).toBe(0.001);
  await expect(page.getByTestId('message').filter({ hasText: 'set.reptile.innerLr=-3 ignored' })).toBeVisible();
  await expect(page.getByTestId('message').filter({ hasText: 'set.model.bogus=1 ignored' })).toBeVisible();
  await expect(page).not.toHaveURL(/innerLr/); // the address bar now holds what is used
});

test('without the Omniglot files the opening demo switches to synthetic glyphs and runs', async ({ page }) => {
  await page.route('**/datasets/omniglot/**', (route) => route.fulfill({ status: 404, body: 'not here' }));
  await page.goto('/');
  await page.getByRole('button', { name: /Start/ }).click();
  await expect(page.getByTestId('message').filter({ hasText: 'Switched to “Classroom demo on synthetic glyphs”' })).toBeVisible({ timeout: 60_000 });
  await expect(page).toHaveURL(/preset=classroom-synthetic/);
  await expect(page.getByTestId('run-status')).toHaveText('running', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Reset' }).click();
});
