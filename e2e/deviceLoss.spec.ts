import { expect, test, type Page } from '@playwright/test';
import { TINY, expectRounds, lab, waitForStatus, watchErrors } from './helpers';

type Points = Awaited<ReturnType<typeof lab>>['points'];

const loseDevice = (page: Page, id: number) =>
  page.evaluate((i) => (window as unknown as { backdoorLab: { controller: { loseDevice(i: number): Promise<boolean> } } }).backdoorLab.controller.loseDevice(i), id);

/** Start the run at TINY and, when `lose` is given, make that client lose its device as soon as the workers exist. */
async function run(page: Page, lose?: number): Promise<Points> {
  await page.goto(TINY);
  await page.getByRole('button', { name: /Start/ }).click();
  // Delivered before the client's first train (data loading and round 0 come first), so the
  // forced loss hits its first round deterministically, after that round's training has run.
  if (lose !== undefined) await expect.poll(() => loseDevice(page, lose), { timeout: 60_000, intervals: [50] }).toBe(true);
  await waitForStatus(page, 'done', 110_000);
  await expectRounds(page, [0, 1, 2]);
  return (await lab(page)).points;
}

// Runs in the "no-webgpu" project: the loss is injected (the worker is on wasm), the recovery
// path is the one a real lost WebGPU device takes.
test('@no-webgpu a client that loses its device mid-run recovers, and the run ends with the same numbers', async ({ page }) => {
  test.setTimeout(240_000); // two runs
  const errors = watchErrors(page);
  const plain = await run(page);
  // A client selected in rounds 1 and 2 (user 0 when it is), so the loss surely hits a round.
  const both = [0, 1, 2, 3].filter((id) => plain[1].selected.includes(id) && plain[2].selected.includes(id));
  const id = both[0];
  expect(id).toBeDefined();

  const lost = await run(page, id);
  expect(lost.map((p) => [p.round, p.selected, p.applied])).toEqual(plain.map((p) => [p.round, p.selected, p.applied]));
  for (const [i, p] of lost.entries()) {
    const q = plain[i];
    expect(Math.abs(p.metaTestAccuracy - q.metaTestAccuracy), `round ${p.round} metaTestAccuracy`).toBeLessThanOrEqual(1e-6);
    expect(Math.abs((p.mainTaskAccuracy ?? 0) - (q.mainTaskAccuracy ?? 0)), `round ${p.round} mainTaskAccuracy`).toBeLessThanOrEqual(1e-6);
    expect(Math.abs((p.stepNorm ?? 0) - (q.stepNorm ?? 0)), `round ${p.round} stepNorm`).toBeLessThanOrEqual(1e-6);
  }

  // The worker lived on (no restart of the pool) and the UI says who fell back and why.
  expect(page.workers()).toHaveLength(4 + 1);
  const w = (await lab(page)).workers.find((x) => x.name === `client ${id}`)!;
  expect(w.backend?.name).toBe('wasm');
  expect(w.fellBack).toMatch(/GPU device lost \(forced by loseDevice\); restarted wasm/);
  await expect(page.getByTestId(`worker-client-${id}`).getByTestId('fell-back')).toContainText('forced by loseDevice');
  await expect(page.getByTestId('message').filter({ hasText: `client ${id}: GPU device lost` })).toContainText(/round [12] was re-run from the same seed/);
  for (const other of [0, 1, 2, 3].filter((x) => x !== id)) await expect(page.getByTestId(`worker-client-${other}`).getByTestId('fell-back')).toHaveCount(0);
  expect(errors).toEqual([]);
});

