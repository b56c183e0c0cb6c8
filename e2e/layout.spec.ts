/**
 * The page's layout as a reader meets it: the picture above the fold on a laptop, nothing
 * sideways on a phone (with touch-sized controls and the figure before the settings), the
 * settings drawer by keyboard, and the dark theme's tokens.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

/** Top and bottom of an element in the window, and whether it is inside it now. */
async function place(page: Page, selector: string) {
  return page
    .locator(selector)
    .first()
    .evaluate((el) => {
      const r = el.getBoundingClientRect();
      return { top: r.top, bottom: r.bottom, height: r.height, inView: r.top >= 0 && r.bottom <= window.innerHeight };
    });
}

test('at 1280x800 the first screen shows the title, Play, the timeline and 200 px of the feature-space figure', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./');
  await app.ready();
  await expect(page.getByTestId('feature-space')).toHaveAttribute('data-step', '0');
  expect(await page.evaluate(() => window.scrollY)).toBe(0);
  for (const selector of ['h1', '.controls button.primary', '#timeline']) expect((await place(page, selector)).inView, selector).toBe(true);
  const figure = await place(page, '[data-testid="feature-space"]');
  expect(figure.height).toBeGreaterThanOrEqual(200);
  expect(figure.top + 200, `figure top ${Math.round(figure.top)} px`).toBeLessThanOrEqual(800);
  // Closed, the settings are one line: the summary says what the run is.
  await expect(page.getByTestId('settings-summary')).toContainText('n 24 · K 12 · k 3');
  await expect(page.getByLabel('Hidden rows m')).toBeHidden();
});

test('at 390 px nothing scrolls sideways, controls are 44 px tall, and the figure comes before the settings', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto('./');
  await app.ready();
  const sideways = () => page.evaluate(() => document.scrollingElement!.scrollWidth);
  expect(await sideways()).toBeLessThanOrEqual(390);
  // Every control a finger presses: buttons, fields, selects, sliders, checkbox and radio labels, links in the contents.
  const small = () =>
    page.evaluate(() =>
      [...document.querySelectorAll<HTMLElement>('button, select, input, nav a, .controls a')]
        .filter((el) => !(el instanceof HTMLInputElement && ['hidden', 'file'].includes(el.type)) && el.checkVisibility() && !el.closest('.sr-only'))
        .map((el) => (el instanceof HTMLInputElement && ['checkbox', 'radio'].includes(el.type) ? (el.closest('label') ?? el) : el))
        .map((el) => ({ what: `${el.tagName.toLowerCase()} “${(el.textContent || el.getAttribute('aria-label') || el.id).trim().slice(0, 30)}”`, h: el.getBoundingClientRect().height }))
        .filter((t) => t.h < 44)
        .map((t) => `${t.what}: ${t.h.toFixed(1)} px`),
    );
  expect(await small()).toEqual([]);
  // The figure first: no setting is shown above it, and the drawer follows it on the page.
  await expect(page.getByLabel('Hidden rows m')).toBeHidden();
  expect(
    await page.evaluate(() => document.querySelector('[data-testid="feature-space"]')!.compareDocumentPosition(document.getElementById('settings-drawer')!) & Node.DOCUMENT_POSITION_FOLLOWING),
  ).toBeTruthy();
  await page.getByRole('button', { name: 'Settings', exact: true }).click();
  await expect(page.getByLabel('Hidden rows m')).toBeVisible();
  expect(await sideways()).toBeLessThanOrEqual(390);
  expect(await small()).toEqual([]);
});

test('the settings drawer opens and closes by keyboard; Esc closes it and gives focus back to its button', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  const toggle = page.getByRole('button', { name: 'Settings', exact: true });
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await toggle.focus();
  await page.keyboard.press('Enter');
  await expect(toggle).toHaveAttribute('aria-expanded', 'true');
  const drawer = page.getByRole('complementary', { name: 'Settings' });
  await expect(drawer).toBeVisible();
  await expect(page.getByTestId('settings-summary')).toHaveCount(0);
  expect(await drawer.evaluate((el) => el.contains(document.activeElement))).toBe(true);
  // The preset picker is its first field; Tab reaches it.
  for (let i = 0; i < 3 && !(await page.getByLabel('Preset').evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press('Tab');
  await expect(page.getByLabel('Preset')).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(toggle).toHaveAttribute('aria-expanded', 'false');
  await expect(drawer).toBeHidden();
  await expect(toggle).toBeFocused();
  await page.keyboard.press('Space');
  await expect(drawer).toBeVisible();
  await drawer.getByRole('button', { name: 'Close' }).press('Enter');
  await expect(drawer).toBeHidden();
  await expect(toggle).toBeFocused();
});

test('the dark mode toggle changes the page tokens, is remembered, and prefers-color-scheme chooses first', async ({ app, browser }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  const tokens = () =>
    page.evaluate(() => {
      const cs = getComputedStyle(document.documentElement);
      return {
        bg: cs.getPropertyValue('--bg').trim(),
        ink: cs.getPropertyValue('--ink').trim(),
        blue: cs.getPropertyValue('--fig-blue').trim(),
        page: getComputedStyle(document.documentElement).backgroundColor,
      };
    });
  const light = await tokens();
  const toggle = page.getByRole('button', { name: 'Dark mode' });
  await expect(toggle).toHaveAttribute('aria-pressed', 'false');
  await toggle.click();
  await expect(toggle).toHaveAttribute('aria-pressed', 'true');
  const dark = await tokens();
  for (const key of ['bg', 'ink', 'blue', 'page'] as const) expect(dark[key], key).not.toBe(light[key]);
  await page.reload();
  await expect(page.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true');
  expect(await tokens()).toEqual(dark);

  const context = await browser.newContext({ colorScheme: 'dark' });
  const fresh = await context.newPage();
  await fresh.goto(new URL('./', page.url()).toString());
  await expect(fresh.getByRole('button', { name: 'Dark mode' })).toHaveAttribute('aria-pressed', 'true');
  await context.close();
});
