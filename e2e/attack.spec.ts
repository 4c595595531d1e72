import { expect, test } from '@playwright/test';
import { TINY, expectRounds, lab, waitForStatus, watchErrors } from './helpers';

/** synthetic-tiny with Chen's backdoor at round 1 (a short attacker training) and the matching-network defense. */
const BACKDOOR = `${TINY}&set.attack.kind=chen-backdoor&set.attack.benignPerClass=6&set.attack.poisonedPerClass=3` +
  '&set.attack.episodes=10&set.attack.innerEpochs=1';
const ATTACKED = BACKDOOR +
  '&set.defense.fineTune.kind=matching&set.defense.fineTune.iterations=4&set.defense.fineTune.every=2&set.defense.fineTune.episodes=1&set.defense.fineTune.warmup=2';

test('an attacked run: λ and δ sliders, the backdoor data, attack success per round and fine-tuning curves', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(ATTACKED);
  expect((await lab(page)).config.attack.kind).toBe('chen-backdoor');

  // λ and δ are live sliders now; δ moves from the keyboard and lands in the URL.
  await expect(page.getByLabel('Boosting factor λ', { exact: true })).toBeVisible();
  const delta = page.getByLabel('Defense δ (share of θ_G kept)', { exact: true });
  await delta.focus();
  await page.keyboard.press('ArrowLeft');
  await expect(page).toHaveURL(/set\.defense\.fineTune\.delta=0\.25/);

  await page.getByTestId('show-backdoor').click();
  await expect(page.getByTestId('backdoor-canvas')).toBeVisible({ timeout: 60_000 });

  await page.getByRole('button', { name: /Start/ }).click();
  await waitForStatus(page, 'done', 110_000);
  await expectRounds(page, [0, 1, 2]);
  await expect(page.getByTestId('chart-attack')).toHaveAttribute('data-points', '3');
  // The attack round, and the level of each attack-success series before it (round 0 here).
  await expect(page.getByTestId('chart-attack').locator('.recharts-reference-line')).toHaveCount(3);
  await expect(page.getByTestId('chart-attack').locator('.pre-attack-level')).toHaveCount(2);
  await expect(page.getByTestId('round-1')).toContainText('☠ user 0'); // the rounds log names the attacker
  // Three benign users fine-tune θ_G; one curve each (iterations 0, 2, 4).
  for (const u of [1, 2, 3]) await expect(page.getByTestId(`fine-tune-user-${u}`)).toHaveAttribute('data-points', '3');
  await page.screenshot({ path: 'e2e/artifacts/attack.png', fullPage: true });
  expect(errors).toEqual([]);
});

test('a paired run: the benign twin beside the attacked run in the charts and the CSV', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto(BACKDOOR);
  const twinSwitch = page.getByLabel('Benign twin', { exact: true });
  await expect(twinSwitch).not.toBeChecked(); // off by default: it doubles the training
  await twinSwitch.check();
  await expect(page).toHaveURL(/[?&]paired=1(&|$)/);

  await page.getByRole('button', { name: /Start/ }).click();
  await waitForStatus(page, 'done', 110_000);
  await expectRounds(page, [0, 1, 2]);
  const attack = page.getByTestId('chart-attack');
  await expect(attack).toHaveAttribute('data-points', '3');
  await expect(attack).toHaveAttribute('data-twin-points', '3');
  await expect(attack.locator('.recharts-legend-item-text', { hasText: 'benign twin' })).toHaveCount(2);
  await expect(page.getByTestId('chart-meta-test').locator('.recharts-legend-item-text', { hasText: 'benign twin' })).toHaveCount(1);
  await expect(attack.locator('.pre-attack-level')).toHaveCount(2);
  // Same seed: before the attack the twin is the run (θ_G at round 0 is the same model).
  const [run, twin] = await page.evaluate(() => {
    const s = (window as unknown as { backdoorLab: { store: { getState(): { points: { round: number; metaTestAccuracy: number }[]; twin: { points: { round: number; metaTestAccuracy: number }[] } } } } }).backdoorLab.store.getState();
    return [s.points, s.twin.points].map((ps) => ps.map((p) => [p.round, p.metaTestAccuracy]));
  });
  expect(twin.map(([r]) => r)).toEqual([0, 1, 2]);
  expect(twin[0]).toEqual(run[0]);

  const csv = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Metrics CSV' }).click();
  const lines = (await import('node:fs')).readFileSync(await (await csv).path(), 'utf8').trim().split('\n');
  const header = lines[0].split(',');
  expect(header).toContain('twin.attackTrainSuccess');
  expect(lines).toHaveLength(4);
  expect(lines[3].split(',')[header.indexOf('twin.attackTrainSuccess')]).toMatch(/^[0-9.e-]+$/);
  await page.screenshot({ path: 'e2e/artifacts/paired.png', fullPage: true });
  expect(errors).toEqual([]);
});
