/**
 * No label is drawn over another: every SVG figure's <text> and every visible line of HTML
 * text (e2e/labels.ts), on the main page after a full run, a lottery lab and a small probe
 * comparison, with each section and figure scrolled into view in turn; on a 390 px phone; and
 * in the embed at 640x400 and 320x400. A failure names both labels and where they are.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { describeOverlaps, overlaps, visibleLabels, type Overlap } from './labels';

/** Overlaps seen now, added to `seen` once per pair of texts. */
async function scan(page: Page, seen: Map<string, Overlap>): Promise<void> {
  for (const o of overlaps(await visibleLabels(page))) {
    const key = [o.a.text, o.b.text].sort().join(' | ');
    if (!seen.has(key)) seen.set(key, o);
  }
}

test('the main page after a run, a lottery lab and a comparison: no two labels overlap, figure by figure', async ({ app }) => {
  test.setTimeout(300_000);
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await app.trainToEnd();
  for (const s of ['50%', '70%', '90%']) await page.getByRole('checkbox', { name: s, exact: true }).uncheck();
  await page.getByRole('button', { name: 'Run lottery' }).click();
  await expect(page.getByTestId('lottery-phase')).toContainText('Done', { timeout: 120_000 });
  await page.getByRole('button', { name: /Show the ticket \(rewound\) at 80.0%/ }).click();
  const comparison = page.locator('.comparison');
  for (const m of ['motion', 'magnitude-init', 'grasp', 'synflow', 'oneshot', 'imp']) await comparison.getByRole('checkbox', { name: m, exact: true }).uncheck();
  for (const s of ['50%', '70%']) await comparison.getByRole('checkbox', { name: `comparison sparsity ${s}` }).uncheck();
  await comparison.getByLabel('Comparison seeds').selectOption('1');
  await comparison.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('comparison-phase')).toContainText('Done', { timeout: 120_000 });
  await page.getByLabel('Row', { exact: true }).selectOption('2');
  await page.getByLabel('Clause', { exact: true }).selectOption('3');
  await page.locator('#definitions summary').click();

  const seen = new Map<string, Overlap>();
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.waitForTimeout(300);
  await scan(page, seen);
  const targets = page.locator('.story > *, .story figure, .story svg[role="img"], .story canvas');
  const count = await targets.count();
  expect(count).toBeGreaterThan(20);
  for (let i = 0; i < count; i++) {
    await targets.nth(i).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await page.waitForTimeout(350); // figures redraw when they come on screen (throttled to 250 ms)
    await scan(page, seen);
  }
  expect(describeOverlaps([...seen.values()])).toEqual([]);
});

test('the main page on a 390 px phone, drawer closed and open: no two labels overlap', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  await app.ready();
  await page.getByRole('button', { name: 'Step 100', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('100');
  const seen = new Map<string, Overlap>();
  const sections = page.locator('.top, .stage-bar, .story > *');
  for (let i = 0; i < (await sections.count()); i++) {
    await sections.nth(i).evaluate((el) => el.scrollIntoView({ block: 'start' }));
    await page.waitForTimeout(300);
    await scan(page, seen);
  }
  await app.openSettings();
  await scan(page, seen);
  expect(describeOverlaps([...seen.values()])).toEqual([]);
});

test('the embed at 640x400 and 320x400: no two labels overlap', async ({ app }) => {
  const { page } = app;
  const seen = new Map<string, Overlap>();
  for (const [width, height] of [
    [640, 400],
    [320, 400],
  ]) {
    for (const panel of ['features', 'metrics']) {
      await page.setViewportSize({ width, height });
      await page.goto(`./?embed&panel=${panel}`);
      await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
      await page.getByRole('button', { name: 'Step 10', exact: true }).click();
      await expect(page.getByTestId('step')).toHaveText('10');
      await page.waitForTimeout(400);
      await scan(page, seen);
    }
  }
  expect(describeOverlaps([...seen.values()])).toEqual([]);
});
