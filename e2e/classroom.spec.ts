import { expect, test, type Browser, type Page } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { waitForStatus, watchErrors } from './helpers';

/**
 * Classroom mode against the real relay (`src/server/main.ts`, started by playwright.config.ts on
 * port 4392): one teacher and three student browser contexts. The run is synthetic-tiny cut to
 * 3 rounds; the teacher's preset has no attack, so classroom mode adds one at round 2, in a seat
 * it draws. `CLASSROOM_FIGURES=1` also saves docs/classroom.md's screenshots.
 */
const BASE = 'http://127.0.0.1:4392';
const TEACH = `${BASE}/?classroom=teach&preset=synthetic-tiny&set.rounds=3&set.eval.episodes=4&set.eval.steps=5&timeout=60`;
const FIGURES = 'docs/figures/classroom';

async function joinAs(browser: Browser, code: string, name: string): Promise<Page> {
  const page = await (await browser.newContext({ viewport: { width: 900, height: 800 } })).newPage();
  watchErrors(page);
  await page.goto(`${BASE}/?join=${code}`);
  await page.getByTestId('join-name').fill(name);
  await page.getByRole('button', { name: 'Join' }).click();
  await expect(page.getByTestId('student-state')).toBeVisible();
  return page;
}

const hooks = (page: Page) => ({
  hold: (on: boolean) => page.evaluate((v) => (window as unknown as { backdoorLab: { classroom: { hold(v: boolean): void } } }).backdoorLab.classroom.hold(v), on),
  sendBad: (kind: 'nan' | 'short' | 'oversized') =>
    page.evaluate((k) => (window as unknown as { backdoorLab: { classroom: { sendBad(k: string): Promise<string> } } }).backdoorLab.classroom.sendBad(k), kind),
});

test('a class of three runs the federation, one of them secretly attacking', async ({ browser }) => {
  const teacher = await (await browser.newContext()).newPage();
  const errors = watchErrors(teacher);
  await teacher.goto(TEACH);
  const code = teacher.getByTestId('join-code');
  await expect(code).toHaveText(/^[A-Z2-9]{6}$/);
  await expect(teacher.getByTestId('join-qr')).toBeVisible();
  const joinCode = (await code.textContent())!;

  const [ann, bea, cy] = [await joinAs(browser, joinCode, 'Ann'), await joinAs(browser, joinCode, 'Bea'), await joinAs(browser, joinCode, 'Cy')];
  await expect(teacher.getByTestId('roster-student')).toHaveCount(3);
  await teacher.getByTestId('attacker-choice').selectOption({ label: 'Bea' });
  // Ann's laptop will freeze on her first round: she trains it but never answers.
  await hooks(ann).hold(true);
  await teacher.getByRole('button', { name: /Start the class run/ }).click();

  // Only the attacker's browser shows the attack's controls.
  await expect(bea.getByTestId('attack-controls')).toBeVisible();
  await expect(bea.getByTestId('attack-controls')).toContainText('Boost λ = 3');
  for (const p of [ann, cy, teacher]) await expect(p.getByTestId('attack-controls')).toHaveCount(0);
  // Her λ reaches the server's config (the teacher's browser), from her seat only.
  await bea.getByTestId('attack-controls').getByRole('slider').fill('10');
  await expect.poll(() => teacher.evaluate(() => (window as unknown as { backdoorLab: { store: { getState(): { config: { attack: { boost?: number } } } } } }).backdoorLab.store.getState().config.attack.boost)).toBe(10);

  // Ann drops out mid-round: her simulated stand-in trains the round, the run goes on. The
  // teacher's pause, pressed while round 1 waits on Ann, takes effect once the round is done.
  await expect(ann.getByTestId('student-state')).toHaveText('holding round 1', { timeout: 60_000 });
  await teacher.getByRole('button', { name: /Pause/ }).click();
  await waitForStatus(teacher, 'pausing');
  await ann.context().close();
  await expect(teacher.getByTestId('roster')).toContainText('away: a simulated client stands in');
  await waitForStatus(teacher, 'paused');
  await expect(teacher.getByTestId('round-counter')).toHaveText('Round 1 of 3');

  // A tampered browser's updates are refused by the relay, told so, and marked for the teacher.
  await expect(cy.getByTestId('student-trained')).toContainText('1', { timeout: 60_000 });
  expect(await hooks(cy).sendBad('nan')).toMatch(/update rejected: value \d+ is NaN/);
  expect(await hooks(cy).sendBad('short')).toMatch(/update rejected: wrong length: \d+ values, expected \d+/);
  expect(await hooks(cy).sendBad('oversized')).toMatch(/update rejected: oversized/);
  await expect(teacher.getByTestId('rejections').locator('li')).toHaveCount(3);
  await expect(teacher.getByTestId('rejections')).toContainText('Cy: update for round 1 rejected — value');
  await teacher.getByRole('button', { name: /Resume/ }).click();

  await waitForStatus(teacher, 'done', 100_000);
  await expect(teacher.getByTestId('round-counter')).toHaveText('Round 3 of 3');
  // Rounds 2 and 3 ran in the student's browsers (Bea attacked in round 2), round 1 partly without Ann.
  await expect(bea.getByTestId('student-trained')).toContainText('2');
  await expect(cy.getByTestId('student-trained')).toHaveText(/Rounds trained: 1, .*3/);
  const inspector = teacher.getByTestId('inspector');
  await expect(inspector.getByTestId('inspector-norms')).toBeVisible();
  await inspector.getByRole('combobox', { name: 'Round' }).selectOption('1');
  await expect(inspector.getByTestId('inspector-norms')).toContainText('simulated (Ann left)');
  await inspector.getByRole('combobox', { name: 'Round' }).selectOption('2');
  await expect(inspector.getByTestId('inspector-norms')).toContainText(/seat \d: Bea/);
  await expect(inspector.getByTestId('inspector-heatmap')).toBeVisible();

  await teacher.getByRole('button', { name: 'Reveal the attacker' }).click();
  await expect(teacher.getByTestId('reveal')).toHaveText(/^The attacker was Bea, in seat \d\.$/);
  await expect(cy.getByTestId('student-notes')).toContainText(/The attacker was Bea \(seat \d\)\./);
  const rounds = await teacher.evaluate(() => (window as unknown as { backdoorLab: { store: { getState(): { reports: { round: number; durationMs: number }[] } } } }).backdoorLab.store.getState().reports);
  console.log(`classroom round durations (Ann drops out in round 1): ${rounds.map((r) => `round ${r.round} ${(r.durationMs / 1000).toFixed(1)} s`).join(', ')}`);

  // docs/classroom.md's screenshots, on request only (they differ run to run: code, timings).
  if (process.env.CLASSROOM_FIGURES) {
    mkdirSync(FIGURES, { recursive: true });
    await teacher.screenshot({ path: `${FIGURES}/teacher.png`, fullPage: true });
    await bea.screenshot({ path: `${FIGURES}/student-attacker.png`, fullPage: true });
    await cy.screenshot({ path: `${FIGURES}/student.png`, fullPage: true });
  }
  // A student who reloads gets their seat back, with its data, without typing anything.
  await cy.reload();
  await expect(cy.getByRole('heading', { name: /^Cy · seat \d$/ })).toBeVisible();
  await expect(cy.getByTestId('student-state')).toHaveText('waiting for the next round');
  await expect(teacher.getByTestId('roster-student').filter({ hasText: 'Cy' })).not.toContainText('away');

  expect(errors).toEqual([]);
});
