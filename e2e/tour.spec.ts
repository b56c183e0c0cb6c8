/**
 * The lecture tour as a presenter drives it, by keyboard only: open it from the header, walk
 * the eight steps with the arrow keys (each step's setup really happened: the preset, the
 * step the run is at, the lab that ran, the panel in view beside the tour), play and pause
 * with Space, let the audience guess two precursors and reveal a computed score, go back and
 * close. Then presentation mode: bigger marks (not only text) and no serious axe violations.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { expect, test } from './fixtures';

const TITLES = [
  'The task: clauses over random bits',
  'Feature space at initialization: precursors',
  'Predict, then reveal',
  'Training selects among the precursors',
  'More clauses than rows: crowding',
  'Prune, rewind, retrain: a lottery ticket',
  'The ticket keeps the family, not the row',
  'Probes: find the ticket in feature space',
];

const tourOf = (page: Page) => page.getByRole('region', { name: /^Lecture tour, step \d of 8$/ });

/** Waits for step i: its label, heading, and its setup finished. */
async function atStep(page: Page, i: number, timeout = 110_000) {
  const tour = page.getByRole('region', { name: `Lecture tour, step ${i} of 8` });
  await expect(tour).toBeVisible();
  await expect(tour.getByRole('heading', { level: 2 })).toHaveText(TITLES[i - 1]);
  await expect(tour).toHaveAttribute('data-ready', 'true', { timeout });
  return tour;
}

/** The element is on screen, and the tour (docked at the side) does not cover it. */
async function inViewBesideTour(page: Page, target: Locator) {
  await expect
    .poll(
      async () => {
        const box = await target.boundingBox();
        const tour = await tourOf(page).boundingBox();
        const view = page.viewportSize()!;
        if (!box || !tour) return 'missing';
        if (box.y > view.height - 40 || box.y + box.height < 40) return `off screen (top ${Math.round(box.y)})`;
        if (box.x + box.width > tour.x + 1) return 'under the tour';
        return 'in view';
      },
      { timeout: 10_000 },
    )
    .toBe('in view');
}

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(' ')}`);
}

/** Precursor clauses of the row shown in Details (outcome converged or rejected). */
async function precursorClauses(page: Page): Promise<number[]> {
  const rows = page.getByTestId('row-details').locator('tbody tr');
  const out: number[] = [];
  for (let c = 0; c < (await rows.count()); c++) {
    const outcome = (await rows.nth(c).locator('td').last().textContent())?.trim();
    if (outcome === 'converged' || outcome === 'rejected') out.push(c);
  }
  return out;
}

test('the lecture tour, by keyboard: eight steps set the page up, Space plays, guesses are scored, back and close', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();

  // Tab to "Lecture mode" and open it with Enter; focus moves into the tour.
  const open = page.getByRole('button', { name: 'Lecture mode', exact: true });
  for (let i = 0; i < 40 && !(await open.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(open).toBeFocused();
  await page.keyboard.press('Enter');
  let tour = await atStep(page, 1);
  await expect(tour.getByRole('heading', { level: 2 })).toBeFocused();

  // 1: the teaching preset is loaded and the run stands at step 0.
  await expect(page.getByLabel('Task seed')).toHaveValue('3');
  await expect(page.getByLabel('Init seed')).toHaveValue('9');
  expect(await app.step()).toBe(0);
  await expect(tour).toContainText('Clause c0 is');
  await inViewBesideTour(page, page.locator('#panel-task'));

  // 2: feature space at init, the most crowded row selected; Space plays, Space pauses.
  await page.keyboard.press('ArrowRight');
  tour = await atStep(page, 2);
  expect(await app.step()).toBe(0);
  await expect(page.getByLabel('Row', { exact: true })).not.toHaveValue('');
  await expect(tour).toContainText(/Before any training, \d+ of the 192 code locations are already precursors/);
  await inViewBesideTour(page, page.getByTestId('feature-space'));
  await page.keyboard.press(' ');
  await expect(page.locator('.status')).toContainText('running');
  await page.keyboard.press(' ');
  await expect(page.locator('.status')).toContainText('paused');
  expect(await app.step()).toBeGreaterThan(0);

  // 3: paused at step 100; two guesses by keyboard in Details; Reveal scores them.
  await page.keyboard.press('ArrowRight');
  tour = await atStep(page, 3);
  expect(await app.step()).toBe(100);
  await inViewBesideTour(page, page.getByTestId('guesses'));
  const rowPick = page.getByLabel('Row', { exact: true });
  await rowPick.focus();
  let clauses: number[] = [];
  for (let j = 0; j < 16 && clauses.length < 2; j++) {
    await page.keyboard.press('ArrowDown'); // row j
    await expect(page.getByTestId('row-details')).toContainText(`Row ${j}`);
    clauses = await precursorClauses(page);
  }
  expect(clauses.length).toBeGreaterThanOrEqual(2);
  const row = Number(await rowPick.inputValue());
  const guessButton = page.getByRole('button', { name: /^Guess: will converge/ });
  for (const c of clauses.slice(0, 2)) {
    await page.getByLabel('Clause', { exact: true }).focus();
    await page.keyboard.press('Home'); // "none"
    for (let i = 0; i <= c; i++) await page.keyboard.press('ArrowDown');
    await expect(page.getByLabel('Clause', { exact: true })).toHaveValue(String(c));
    await page.keyboard.press('Tab');
    await expect(guessButton).toBeFocused();
    await expect(guessButton).toHaveAttribute('aria-pressed', 'false');
    await page.keyboard.press('Enter');
    await expect(guessButton).toHaveAttribute('aria-pressed', 'true');
  }
  await expect(page.getByTestId('guess-count')).toHaveText('2');
  await expect(page.locator('#fs-legend')).toContainText('guessed to converge (2)');
  const reveal = page.getByRole('button', { name: 'Reveal', exact: true });
  await reveal.focus();
  await page.keyboard.press('Enter');
  const score = page.getByTestId('guess-score');
  await expect(score).toContainText('Chance:', { timeout: 60_000 });
  await expect(page.locator('.status')).toContainText('finished');
  // The score is the run's: base rate from the legend's final counts, hits from Details.
  const converged = Number(await page.getByTestId('count-converged').textContent());
  const rejected = Number(await page.getByTestId('count-rejected').textContent());
  await expect(score).toContainText(`Chance: ${converged} of ${converged + rejected} precursors converged`);
  await rowPick.focus();
  await page.keyboard.press('Home');
  for (let i = 0; i <= row; i++) await page.keyboard.press('ArrowDown');
  const outcomes = page.getByTestId('row-details').locator('tbody tr');
  let hits = 0;
  for (const c of clauses.slice(0, 2)) if ((await outcomes.nth(c).locator('td').last().textContent())?.trim() === 'converged') hits++;
  await expect(score).toContainText(`${hits} of 2 guesses converged`);
  await expect(tour).toContainText(`${hits} of 2 guesses converged`);

  // 4: the run finished; the analysis panel in view, with the legend's counts.
  await tour.getByRole('heading', { level: 2 }).focus();
  await page.keyboard.press('ArrowRight');
  tour = await atStep(page, 4);
  await expect(page.locator('.status')).toContainText('finished');
  await expect(tour).toContainText(`Of ${converged + rejected} precursors, ${converged} converged and ${rejected} were rejected`);
  await inViewBesideTour(page, page.locator('#panel-analysis'));

  // 5: the crowded preset, trained to the end.
  await page.keyboard.press('ArrowRight');
  tour = await atStep(page, 5);
  await expect(page.getByLabel('Clauses K')).toHaveValue('24');
  expect(await app.step()).toBe(3000);
  await expect(tour).toContainText('Here K = 24 clauses share m = 16 rows');
  await inViewBesideTour(page, page.locator('#panel-analysis'));

  // 6: back to the teaching preset; the lottery lab ran one-shot at 50% and shows the ticket.
  await page.keyboard.press('ArrowRight');
  tour = await atStep(page, 6, 150_000);
  await expect(page.getByLabel('Clauses K')).toHaveValue('12');
  await expect(page.getByTestId('lottery-phase')).toContainText('Done');
  await expect(page.getByTestId('ticket-table').locator('tbody tr').filter({ hasText: '50.0%' })).toHaveCount(3);
  await expect(page.getByTestId('selected-ticket')).toContainText('Ticket at 50.0% sparsity (seed 9)');
  await expect(tour).toContainText('The ticket keeps 288 of 576 weights');
  await inViewBesideTour(page, page.locator('#panel-lottery'));

  // 7: the clause that moved to another row (the preset's lesson), selected everywhere.
  await page.keyboard.press('ArrowRight');
  tour = await atStep(page, 7);
  await expect(tour).toContainText('Clause c7');
  await expect(tour).toContainText('the ticket codes it on row 2');
  await expect(page.getByLabel('Clause', { exact: true })).toHaveValue('7');
  await inViewBesideTour(page, page.getByTestId('reexpression-counts'));
  // Keys belong to a focused select: ArrowRight changes the speed, not the step.
  const speed = page.getByLabel('Speed');
  await speed.focus();
  const before = await speed.inputValue();
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowDown');
  await expect(tourOf(page)).toHaveAttribute('data-step', '7');
  expect(await speed.inputValue()).not.toBe(before);
  await speed.selectOption(before);

  // 8: the probe comparison ran; its verdict is on the page and in the tour.
  await tour.getByRole('heading', { level: 2 }).focus();
  await page.keyboard.press('PageDown');
  tour = await atStep(page, 8, 150_000);
  await expect(page.getByTestId('comparison-phase')).toContainText('Done');
  const verdict = (await page.getByTestId('verdicts').locator('li').first().textContent())!;
  expect(verdict).toMatch(/^At 80% sparsity/);
  await expect(tour).toContainText(verdict);
  await inViewBesideTour(page, page.locator('#panel-comparison'));
  await page.keyboard.press('ArrowRight');
  await expect(tourOf(page)).toHaveAttribute('data-step', '8');

  // Back, then close: focus returns to "Lecture mode".
  await page.keyboard.press('ArrowLeft');
  await atStep(page, 7);
  await page.keyboard.press('PageUp');
  await atStep(page, 6);
  await page.keyboard.press('Escape');
  await expect(tourOf(page)).toHaveCount(0);
  await expect(open).toBeFocused();
});

/** Pixels of the converged-mark blue (#0072B2) on the feature-space canvas. */
async function bluePixels(page: Page): Promise<number> {
  return page.getByTestId('feature-space').evaluate((canvas: HTMLCanvasElement) => {
    const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 0; i < data.length; i += 4) if (Math.abs(data[i]) < 24 && Math.abs(data[i + 1] - 114) < 24 && Math.abs(data[i + 2] - 178) < 24 && data[i + 3] > 200) n++;
    return n;
  });
}

test('presentation mode draws larger marks and text; tour and presentation pass axe', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  await page.getByRole('button', { name: 'Step 100', exact: true }).click();
  await expect(page.getByTestId('feature-space')).toHaveAttribute('data-step', '100');
  await page.getByTestId('feature-space').scrollIntoViewIfNeeded();
  const blueBefore = await bluePixels(page);
  expect(blueBefore).toBeGreaterThan(0);
  // The chart redraws (replacing its paths) as the analysis streams in: scroll to the figure, not a path.
  const codesChart = page.getByTestId('codes-over-time');
  const codesLine = codesChart.locator('svg path[stroke-width]').first();
  await codesChart.scrollIntoViewIfNeeded();
  const strokeBefore = Number(await codesLine.getAttribute('stroke-width'));
  const fontBefore = await page.locator('h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize));

  await page.getByRole('button', { name: 'Presentation mode', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Presentation mode', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(page.locator('.app')).toHaveClass(/presentation/);
  await expect.poll(() => page.locator('h1').evaluate((h) => parseFloat(getComputedStyle(h).fontSize))).toBeGreaterThan(fontBefore * 1.2);
  await page.getByTestId('feature-space').scrollIntoViewIfNeeded();
  // Same marks, drawn 1.5x as large: about 2.25x the blue area.
  await expect.poll(() => bluePixels(page)).toBeGreaterThan(blueBefore * 1.8);
  await codesChart.scrollIntoViewIfNeeded();
  await expect.poll(async () => Number(await page.getByTestId('codes-over-time').locator('svg path[stroke-width]').first().getAttribute('stroke-width'))).toBeGreaterThan(strokeBefore * 1.4);
  expect(await seriousViolations(page)).toEqual([]);
});

// Its own test: four axe passes take a while on a loaded 2-core machine, and the previous test
// already spends most of its time budget training and redrawing.
test('the tour open at its predict step passes axe, in presentation mode and out of it', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  await page.getByRole('button', { name: 'Presentation mode', exact: true }).click();
  await expect(page.locator('.app')).toHaveClass(/presentation/);
  await page.getByRole('button', { name: 'Lecture mode', exact: true }).click();
  await atStep(page, 1);
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('ArrowRight');
  await page.keyboard.press('ArrowRight');
  await atStep(page, 3);
  await expect(page.getByTestId('guesses')).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await page.getByRole('button', { name: 'Presentation mode', exact: true }).click();
  await expect(page.locator('.app')).not.toHaveClass(/presentation/);
  expect(await seriousViolations(page)).toEqual([]);
});
