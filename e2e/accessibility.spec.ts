/**
 * An automated accessibility check (axe-core) of the page as a user meets it: on opening, and
 * after a full run with a row selected, a lottery ticket shown and the settings open, in the
 * light and the dark theme. No serious or critical violations are allowed.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function seriousViolations(page: Page) {
  const result = await new AxeBuilder({ page }).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s), e.g. ${v.nodes[0]?.target.join(' ')}`);
}

/** Switches the theme with the page's own toggle; axe then sees the colours the reader sees. */
async function setDark(page: Page, dark: boolean) {
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  if ((await toggle.getAttribute('aria-pressed')) !== String(dark)) await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', dark ? 'dark' : 'light');
}

test('the page has no serious or critical accessibility violations, light or dark, fresh or after a run and a ticket', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  expect(await seriousViolations(page), 'light, fresh').toEqual([]);
  await setDark(page, true);
  expect(await seriousViolations(page), 'dark, fresh').toEqual([]);
  await app.trainToEnd();
  await page.getByLabel('Row', { exact: true }).selectOption('2');
  for (const s of ['50%', '70%', '90%']) await page.getByRole('checkbox', { name: s, exact: true }).uncheck();
  await page.getByRole('button', { name: 'Run lottery' }).click();
  await expect(page.getByTestId('lottery-phase')).toContainText('Done', { timeout: 120_000 });
  await page.getByRole('button', { name: /Show the ticket \(rewound\) at 80.0%/ }).click();
  // With the settings drawer open too, so its fields are checked.
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  expect(await seriousViolations(page), 'dark, after a run and a ticket').toEqual([]);
  await setDark(page, false);
  expect(await seriousViolations(page), 'light, after a run and a ticket').toEqual([]);
});

test('a calm live region announces phase, step and loss; the fast status line is not live', async ({ app }) => {
  const { page } = app;
  await page.goto('./?steps=50000&snapshotEvery=50');
  await app.ready();
  await expect(page.getByRole('status', { name: 'Training status' })).toHaveAttribute('aria-live', 'off');
  const live = page.getByTestId('live-region');
  await expect(live).toHaveAttribute('aria-live', 'polite');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  // A change of phase is spoken within about a second; progress every 5 s after that.
  await expect(live).toContainText('Dense run training: step', { timeout: 10_000 });
  await expect(live).toContainText('training loss');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(live).toContainText('Dense run paused', { timeout: 10_000 });
});
