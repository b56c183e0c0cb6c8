/**
 * A setting beyond the app's hard limits is refused before any work starts: the field says why
 * and what fits, Play stays off, and the run on screen is untouched. The same request from a
 * hand-edited link falls back to defaults with a notice.
 */
import { expect, test } from './fixtures';

test('a run too large for a browser is refused with a message, before any work starts', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  await app.openSettings();
  // The largest model at the largest batch: still a run that fits, at 3,000 steps.
  for (const [label, value] of [
    ['Inputs n', '128'],
    ['Hidden rows m', '128'],
    ['Clauses K', '64'],
    ['Batch size', '4096'],
  ] as const) {
    await page.getByLabel(label, { exact: true }).fill(value);
  }
  await app.ready();
  await expect(page.getByTestId('network')).toContainText('128 hidden rows');
  await page.getByRole('button', { name: 'Step 10', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('10');
  // 50,000 steps of it would not fit.
  await page.getByLabel('Steps', { exact: true }).fill('50000');
  const steps = page.locator('.field').filter({ has: page.getByLabel('Steps', { exact: true }) });
  await expect(steps).toContainText(/Over the limit of .* multiply-adds per run .* use at most [\d,]+ steps/);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
  // Nothing was reconfigured: the run on screen is still the one at step 10.
  await expect(page.getByTestId('step')).toHaveText('10');
  await expect(page.locator('.status')).toContainText('10 / 3000 steps');
  // The largest run that fits is accepted.
  const fits = Number(/use at most ([\d,]+) steps/.exec((await steps.textContent())!)![1].replace(/,/g, ''));
  await page.getByLabel('Steps', { exact: true }).fill(String(fits));
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await expect(page.locator('.status')).toContainText(`0 / ${fits} steps`);
});

test('the same oversized run from a link falls back to the defaults with a notice', async ({ app }) => {
  const { page } = app;
  await page.goto('./?n=128&m=128&K=64&batch=4096&steps=50000');
  await app.ready();
  await expect(page.getByRole('status').filter({ hasText: 'ignored' })).toContainText('steps: Over the limit');
  await page.getByRole('button', { name: 'Step 10', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('10');
});
