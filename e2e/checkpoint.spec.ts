import { expect, test } from '@playwright/test';
import { lab, waitForStatus } from './helpers';

// Presets that start from a committed checkpoint in public/checkpoints (a `public/…` path, as
// `npm run sim` reads it, fetched from where the app serves it) are at high accuracy at round 0.
const cases = [
  // A random Conv4 scores about 0.2–0.6 here.
  { name: 'the Omniglot attack preset starts from the trained Conv4', url: '/?preset=chen-exp1a&set.eval.episodes=5', dataset: 'omniglot', checkpoint: 'omniglot-conv4-16.ckpt', accuracy: 'metaTestAccuracy', above: 0.75 },
  // zhou-mnist-table2 starts from the converged LeNet-5; a random one scores about 0.1.
  { name: 'the Table 2 preset starts from the converged LeNet-5', url: '/?preset=zhou-mnist-table2', dataset: 'mnist', checkpoint: 'mnist-lenet5.ckpt', accuracy: 'testAccuracy', above: 0.9 },
] as const;

for (const c of cases) {
  test(`${c.name}: high accuracy at round 0`, async ({ page, request }) => {
    test.skip(!(await request.get(`/datasets/${c.dataset}/index.json`)).headers()['content-type']?.includes('json'), `${c.dataset} is not built (npm run datasets)`);
    await page.goto(c.url);
    expect((await lab(page)).config.init).toEqual({ kind: 'checkpoint', source: `public/checkpoints/${c.checkpoint}` });
    await page.getByRole('button', { name: /Start/ }).click();
    await expect.poll(async () => (await lab(page)).points.length, { timeout: 90_000 }).toBeGreaterThan(0);
    const [p0] = (await lab(page)).points;
    expect(p0.round).toBe(0);
    expect(p0[c.accuracy]).toBeGreaterThan(c.above);
    await page.getByRole('button', { name: 'Reset' }).click();
    await waitForStatus(page, 'idle');
  });
}
