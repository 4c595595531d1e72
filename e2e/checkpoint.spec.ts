import { expect, test } from '@playwright/test';
import { lab, waitForStatus } from './helpers';

// The attack presets start from the benign Omniglot checkpoint in public/checkpoints (a `public/…`
// path, as `npm run sim` reads it, fetched from where the app serves it).
test('a preset that starts from the trained Omniglot checkpoint is at high accuracy at round 0', async ({ page, request }) => {
  test.skip(!(await request.get('/datasets/omniglot/index.json')).headers()['content-type']?.includes('json'), 'Omniglot is not built (npm run datasets)');
  await page.goto('/?preset=chen-exp1a&set.eval.episodes=5');
  expect((await lab(page)).config.init).toEqual({ kind: 'checkpoint', source: 'public/checkpoints/omniglot-conv4-16.ckpt' });
  await page.getByRole('button', { name: /Start/ }).click();
  await expect.poll(async () => (await lab(page)).points.length, { timeout: 90_000 }).toBeGreaterThan(0);
  const [p0] = (await lab(page)).points;
  expect(p0.round).toBe(0);
  expect(p0.metaTestAccuracy).toBeGreaterThan(0.75); // a random Conv4 scores about 0.2–0.6 here
  await page.getByRole('button', { name: 'Reset' }).click();
  await waitForStatus(page, 'idle');
});

// zhou-mnist-table2 starts from the converged LeNet-5 (public/checkpoints/mnist-lenet5.ckpt).
test('the Table 2 preset starts from the converged LeNet-5 checkpoint', async ({ page, request }) => {
  test.skip(!(await request.get('/datasets/mnist/index.json')).headers()['content-type']?.includes('json'), 'MNIST is not built (npm run datasets)');
  await page.goto('/?preset=zhou-mnist-table2');
  expect((await lab(page)).config.init).toEqual({ kind: 'checkpoint', source: 'public/checkpoints/mnist-lenet5.ckpt' });
  await page.getByRole('button', { name: /Start/ }).click();
  await expect.poll(async () => (await lab(page)).points.length, { timeout: 90_000 }).toBeGreaterThan(0);
  const [p0] = (await lab(page)).points;
  expect(p0.round).toBe(0);
  expect(p0.testAccuracy).toBeGreaterThan(0.9); // a random LeNet-5 scores about 0.1
  await page.getByRole('button', { name: 'Reset' }).click();
  await waitForStatus(page, 'idle');
});
