import { expect, test } from '@playwright/test';
import { lab, waitForStatus, watchErrors } from './helpers';

/** mini-ImageNet's shape without ImageNet: coloured glyphs at 84×84×3 train with the attack, and the episode is drawn in colour. */
test('84×84×3 coloured glyphs run in the app and the data panel draws them in colour', async ({ page }) => {
  const errors = watchErrors(page);
  await page.goto('/?preset=mini-imagenet-synthetic&set.rounds=2&set.reptile.episodesPerRound=5&set.eval.episodes=2&set.eval.steps=2&set.attack.episodes=5&set.attack.schedule.round=2');
  await page.getByRole('button', { name: /Start/ }).click();
  await waitForStatus(page, 'done', 110_000);
  const s = await lab(page);
  expect(s.config.model.imageSize).toBe(84);
  expect(s.points.map((p) => p.round)).toEqual([0, 1, 2]);
  await page.getByTestId('show-episode').click();
  const canvas = page.getByTestId('episode-canvas');
  await expect(canvas).toBeVisible();
  const coloured = await canvas.evaluate((c: HTMLCanvasElement) => {
    const d = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - d[i + 1]) > 40 || Math.abs(d[i + 1] - d[i + 2]) > 40) n++;
    return { n, w: c.width, h: c.height };
  });
  expect(coloured.n).toBeGreaterThan(1000);
  expect(errors).toEqual([]);
});
