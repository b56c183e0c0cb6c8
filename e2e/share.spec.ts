/**
 * The URL is the experiment: a link copied mid-exploration reopens the same run at the same
 * step, viewing the same snapshot with the same row and clause selected, and the numbers are
 * identical (same backend), with a progress bar and the time left while it trains there. A
 * hand-edited link never breaks the page. Copy link and Copy embed code hand out the same.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function exportRun(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

test('a copied link reopens the same run, step, view and selection, with identical numbers', async ({ app, context }) => {
  const { page } = app;
  await page.goto('./?seedInit=5&K=10');
  await app.ready();
  for (let i = 0; i < 6; i++) await page.getByRole('button', { name: 'Step 100', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('600');
  await page.getByLabel('Timeline').fill('20'); // snapshot 20 = step 400
  await expect(page.getByTestId('view-step')).toHaveText('viewing step 400');
  await page.getByLabel('Row', { exact: true }).selectOption('3');
  await page.getByLabel('Clause', { exact: true }).selectOption('2');
  await expect.poll(() => new URL(page.url()).searchParams.get('clause')).toBe('2');
  const url = new URL(page.url());
  expect(Object.fromEntries(url.searchParams)).toMatchObject({ seedInit: '5', K: '10', at: '600', view: '400', row: '3', clause: '2' });
  const metrics = await page.getByTestId('metric-balanced').textContent();
  const original = await exportRun(page);

  const other = await context.newPage();
  await other.goto(url.toString());
  await expect(other.getByTestId('step')).toHaveText('600');
  await expect(other.getByTestId('view-step')).toHaveText('viewing step 400');
  await expect(other.getByLabel('Row', { exact: true })).toHaveValue('3');
  await expect(other.getByLabel('Clause', { exact: true })).toHaveValue('2');
  await expect(other.locator('.status')).toContainText('paused');
  expect(await other.getByTestId('metric-balanced').textContent()).toBe(metrics);
  const reopened = await exportRun(other);
  expect(reopened.snapshots.map((s: { step: number }) => s.step)).toEqual(original.snapshots.map((s: { step: number }) => s.step));
  expect(reopened.snapshots.at(-1)).toEqual(original.snapshots.at(-1));
  expect(reopened.metrics).toEqual(original.metrics);
  await other.close();
});

test('a link that names a panel opens scrolled to it', async ({ app }) => {
  const { page } = app;
  await page.goto('./?panel=metrics');
  await app.ready();
  await expect(page.locator('#panel-metrics')).toBeInViewport();
});

test('a hand-edited link keeps the page working and lists what it ignored', async ({ app }) => {
  const { page } = app;
  const long = 'x'.repeat(5000);
  await page.goto(`./?m=-4&K=1e309&n=NaN&steps=Infinity&lr=abc&batch=12&batch=99&row=999&view=banana&panel=nowhere&frob=${long}`);
  await app.ready();
  const notice = page.getByRole('status').filter({ hasText: 'ignored' });
  await expect(notice).toBeVisible();
  for (const key of ['m:', 'K:', 'n:', 'steps:', 'lr:', 'batch:', 'row:', 'view:', 'panel:', 'frob']) await expect(notice).toContainText(key);
  // Defaults where values were bad; the first of a duplicated key.
  await expect(page.getByTestId('network')).toContainText('24');
  await expect(page.getByLabel('Batch size')).toHaveValue('12');
  await page.getByRole('button', { name: 'Step 10', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('10');
});

test('Copy link and Copy embed code put the experiment on the clipboard, say "Copied", and the snippet embeds it', async ({ app, context }) => {
  const { page } = app;
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('./?seedInit=5&K=10');
  await app.ready();
  await page.getByRole('button', { name: 'Step 100', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('100');
  await page.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(page.getByTestId('share-status')).toHaveText('Copied the link');
  const link = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(Object.fromEntries(link.searchParams)).toEqual({ seedInit: '5', K: '10', at: '100' });
  await expect.poll(() => page.url()).toBe(link.toString());

  await page.getByRole('button', { name: 'Copy embed code', exact: true }).click();
  await expect(page.getByTestId('share-status')).toHaveText('Copied the embed code');
  const code = await page.evaluate(() => navigator.clipboard.readText());
  expect(code).toMatch(/^<iframe src="[^"]+" title="Lottery Lens: [^"]+" width="640" height="400"[^>]*><\/iframe>$/);
  const src = new URL(code.match(/src="([^"]+)"/)![1].replace(/&amp;/g, '&'));
  expect(Object.fromEntries(src.searchParams)).toEqual({ seedInit: '5', K: '10', at: '100', panel: 'features', embed: '1' });
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto(src.toString());
  await expect(page.locator('.embed')).toHaveAttribute('data-panel', 'features');
  await expect(page.getByTestId('step')).toHaveText('100');
});

test('a shared link shows a progress bar with the time left while it trains to its step', async ({ app }) => {
  const { page } = app;
  await page.goto('./?at=3000');
  const bar = page.getByRole('progressbar', { name: 'Opening the shared link: training to its step' });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuemax', '3000');
  await expect.poll(async () => Number(await bar.getAttribute('aria-valuenow'))).toBeGreaterThan(0);
  await expect(page.getByTestId('link-progress-text')).toContainText(/step \d+ of 3000; (about \d+ s|under a second) left/);
  await expect(bar).toHaveCount(0, { timeout: 90_000 });
  await expect(page.getByTestId('step')).toHaveText('3000');
  await expect(page.locator('.status')).toContainText('finished');
});
