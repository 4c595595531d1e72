import { expect, type Page } from '@playwright/test';
import type { ExperimentConfig } from '../src/engine/config/schema';

/** A URL for a fast run of the synthetic-tiny preset (fewer evaluation episodes, fewer rounds). */
export const TINY = '/?preset=synthetic-tiny&set.rounds=2&set.eval.episodes=4&set.eval.steps=5';

interface Snapshot {
  status: string;
  config: ExperimentConfig;
  points: { round: number; metaTestAccuracy: number; mainTaskAccuracy?: number | null; testAccuracy?: number; stepNorm: number | null; selected: number[]; applied: number[] }[];
  workers: { name: string; state: string; backend: { name: string; reason: string } | null; fellBack?: string }[];
}

/** The app's store, read through the debug handle main.tsx installs. */
export const lab = (page: Page): Promise<Snapshot> =>
  page.evaluate(() => {
    const s = (window as unknown as { backdoorLab: { store: { getState(): Snapshot } } }).backdoorLab.store.getState();
    return JSON.parse(JSON.stringify({ status: s.status, config: s.config, points: s.points, workers: s.workers }));
  });

/** Wait for a run status; an unexpected error fails at once, with the app's error message. */
export async function waitForStatus(page: Page, status: string, timeout = 100_000): Promise<void> {
  await expect.poll(async () => {
    const now = await page.getByTestId('run-status').textContent();
    if (now === 'error' && status !== 'error') throw new Error(`run failed: ${await page.getByTestId('run-error').textContent()}`);
    return now;
  }, { timeout, intervals: [250] }).toBe(status);
}

/** Fail the test on uncaught page errors; log worker console errors for diagnosis. */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') console.log(`[console] ${m.text()}`); });
  return errors;
}

/** Rounds with a metric point, once they have all arrived (events may trail the status by a moment). */
export async function expectRounds(page: Page, rounds: number[]): Promise<void> {
  await expect.poll(async () => (await lab(page)).points.map((p) => p.round)).toEqual(rounds);
}
