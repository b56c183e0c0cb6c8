/**
 * The first-visit journey: open the default experiment, train it live, pause, step, scrub,
 * reset; and the guard against invalid settings.
 */
import { expect, test } from './fixtures';

test.beforeEach(async ({ app }) => {
  await app.page.goto('./');
  await app.ready();
});

test('opens on the default experiment: 12 clauses, 24 inputs, 16 hidden rows, step 0', async ({ app }) => {
  const { page } = app;
  await expect(page.getByTestId('clause')).toHaveCount(12);
  await expect(page.getByTestId('network')).toContainText('24 inputs → 16 hidden rows');
  expect(await app.step()).toBe(0);
  await expect(page.getByTestId('w1-heatmap')).toHaveAttribute('data-step', '0');
  await expect(page.getByTestId('backend')).toContainText(/backend: \S+ — /);
});

test('Play trains live: steps advance, loss falls; Pause holds the step', async ({ app }) => {
  const { page } = app;
  await page.getByLabel('Speed').selectOption('100');
  const loss0 = Number(await page.getByTestId('metric-loss').textContent());
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => app.step(), { timeout: 20_000 }).toBeGreaterThan(150);
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(page.locator('.status')).toContainText('paused');
  const held = await app.step();
  const loss = Number(await page.getByTestId('metric-loss').textContent());
  expect(loss).toBeLessThan(loss0 * 0.8);
  await page.waitForTimeout(700);
  expect(await app.step()).toBe(held);
  await expect(page.getByTestId('w1-heatmap')).toHaveAttribute('data-step', String(held));
});

test('Step advances exactly 1, 10 and 100 steps', async ({ app }) => {
  const { page } = app;
  let expected = 0;
  for (const n of [1, 10, 100, 10]) {
    await page.getByRole('button', { name: `Step ${n}`, exact: true }).click();
    expected += n;
    await expect.poll(() => app.step()).toBe(expected);
    await expect(page.getByTestId('metric-step')).toHaveText(String(expected));
  }
});

test('the timeline scrubs back to an earlier step and shows its weights and metrics', async ({ app }) => {
  const { page } = app;
  await page.getByRole('button', { name: 'Step 100' }).click();
  await page.getByRole('button', { name: 'Step 100' }).click();
  await expect.poll(() => app.step()).toBe(200);
  const late = await page.getByTestId('metric-loss').textContent();
  const slider = page.getByLabel('Timeline');
  await slider.focus();
  await page.keyboard.press('Home');
  await expect(page.getByTestId('view-step')).toHaveText('viewing step 0');
  await expect(page.getByTestId('w1-heatmap')).toHaveAttribute('data-step', '0');
  await expect(page.getByTestId('metric-step')).toHaveText('0');
  expect(await page.getByTestId('metric-loss').textContent()).not.toBe(late);
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('view-step')).toHaveText('viewing step 60');
  await page.getByRole('button', { name: 'Follow the live step' }).click();
  await expect(page.getByTestId('view-step')).toHaveText('viewing step 200');
});

test('Reset returns to step 0 with the initial weights', async ({ app }) => {
  const { page } = app;
  const init = await page.getByTestId('metric-loss').textContent();
  await page.getByRole('button', { name: 'Step 100' }).click();
  await expect.poll(() => app.step()).toBe(100);
  await page.getByRole('button', { name: 'Reset' }).click();
  await expect.poll(() => app.step()).toBe(0);
  await expect(page.getByTestId('view-step')).toHaveText('viewing step 0');
  await expect(page.getByTestId('metric-loss')).toHaveText(init!);
});

test('an invalid setting shows a message beside the field and blocks Play until fixed', async ({ app }) => {
  const { page } = app;
  await app.openSettings();
  const field = page.getByLabel('Hidden rows m');
  await field.fill('0');
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#setting-m-error')).toHaveText('Must be between 1 and 128.');
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeDisabled();
  await expect(page.getByRole('button', { name: 'Step 10', exact: true })).toBeDisabled();
  await field.fill('abc');
  await expect(page.locator('#setting-m-error')).toHaveText('“abc” is not a number.');
  await field.fill('20');
  await expect(page.locator('#setting-m-error')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await expect(page.getByTestId('network')).toContainText('20 hidden rows');
  // The address bar follows the settings (written at most twice a second).
  await expect.poll(() => new URL(page.url()).searchParams.get('m')).toBe('20');
});

test('a preset changes the experiment: more clauses than rows', async ({ app }) => {
  const { page } = app;
  await app.openSettings();
  await page.getByLabel('Preset').selectOption('crowded');
  await expect(page.getByTestId('clause')).toHaveCount(24);
  await expect(page.getByLabel('Clauses K')).toHaveValue('24');
  await app.ready();
});

test('the default run trains in the worker to >= 95% balanced accuracy; screenshot kept', async ({ app }, testInfo) => {
  const { page } = app;
  await page.getByLabel('Speed').selectOption('null');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(page.locator('.status')).toContainText('finished', { timeout: 90_000 });
  expect(await app.step()).toBe(3000);
  const ba = Number((await page.getByTestId('metric-balanced').textContent())!.replace('%', '')) / 100;
  expect(ba).toBeGreaterThanOrEqual(0.95);
  const shot = await page.screenshot({ fullPage: true, path: testInfo.outputPath('trained-view.png') });
  await testInfo.attach('trained-view', { body: shot, contentType: 'image/png' });
});
