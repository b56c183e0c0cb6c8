/**
 * A worker that dies (closes itself with no word, as a crashed one does) or a training step
 * that throws: the page restarts the worker, restores the run from its newest snapshot, says
 * so, and offers to continue; the timeline is intact, and the finished run equals one that was
 * never interrupted (same backend: exactly).
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function exportRun(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

async function fault(page: Page, kind: 'exit' | 'throw') {
  await page.evaluate((k) => (window as unknown as { lotteryLensDebug: { send(c: unknown): void } }).lotteryLensDebug.send({ type: 'fault', kind: k }), kind);
}

const QUERY = './?steps=1200&seedInit=7';

for (const kind of ['exit', 'throw'] as const) {
  test(`the app survives a worker that ${kind === 'exit' ? 'dies silently' : 'throws in a step'}, with nothing lost`, async ({ app, context }) => {
    const { page } = app;
    // The uninterrupted reference run, in its own page.
    const reference = await context.newPage();
    await reference.goto(QUERY);
    await expect(reference.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
    await reference.getByLabel('Speed').selectOption('null');
    await reference.getByRole('button', { name: 'Play', exact: true }).click();
    await expect(reference.locator('.status')).toContainText('finished');
    const expected = await exportRun(reference);
    await reference.close();

    await page.goto(QUERY);
    await app.ready();
    await page.getByLabel('Speed').selectOption('100');
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await expect.poll(() => app.step(), { timeout: 30_000 }).toBeGreaterThan(300);
    await fault(page, kind);
    const notice = page.getByTestId('fault-notice');
    await expect(notice).toContainText('restarted', { timeout: 30_000 });
    await expect(page.locator('.status')).toContainText('paused');
    const restoredAt = await app.step();
    expect(restoredAt % 20, 'restored at a kept snapshot').toBe(0);
    expect(restoredAt).toBeGreaterThanOrEqual(300);
    // The timeline still holds every snapshot up to there.
    await page.getByLabel('Timeline').fill('0');
    await expect(page.getByTestId('view-step')).toHaveText('viewing step 0');
    await page.getByRole('button', { name: 'Continue training' }).click();
    await page.getByLabel('Speed').selectOption('null');
    await expect(page.locator('.status')).toContainText('finished', { timeout: 60_000 });
    const run = await exportRun(page);
    const steps = run.snapshots.map((s: { step: number }) => s.step);
    expect(steps).toEqual(expected.snapshots.map((s: { step: number }) => s.step));
    expect(new Set(steps).size, 'no step repeated').toBe(steps.length);
    expect(run.snapshots.at(-1)).toEqual(expected.snapshots.at(-1));
    expect(run.metrics.at(-1)).toEqual(expected.metrics.at(-1));
  });
}
