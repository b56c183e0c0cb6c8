/**
 * Labs on a pool of workers (`workers` setting; src/worker/pool/): a probe comparison split by
 * seed over two pool workers, one of which dies without a word mid-way (the `poolExit` fault,
 * as crash.spec.ts injects `exit` into the training worker), still completes with every result,
 * each equal (masks, weights, numbers, order) to the same comparison run in one piece by one
 * worker. And cancel stops every pool worker.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const QUERY = 'steps=600&seedInit=5';

async function exportRun(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

/** Trains the dense run, then starts a comparison of 3 methods at 2 sparsities on 3 seeds. */
async function startComparison(app: { page: Page; trainToEnd(): Promise<void> }, workers: number) {
  const { page } = app;
  await page.goto(`./?${QUERY}&workers=${workers}`);
  await app.trainToEnd();
  const panel = page.locator('.comparison');
  for (const m of ['motion', 'magnitude-init', 'grasp', 'synflow', 'oneshot', 'imp']) await panel.getByRole('checkbox', { name: m, exact: true }).uncheck();
  for (const s of ['50%', '90%']) await panel.getByRole('checkbox', { name: `comparison sparsity ${s}` }).uncheck();
  await panel.getByLabel('Comparison seeds').selectOption('3');
  await panel.getByRole('button', { name: 'Run comparison' }).click();
}

const comparisonOf = (run: { tickets: { role: string }[] }) => run.tickets.filter((t) => t.role === 'comparison');

test('a pool worker that dies mid-comparison is replaced, its part runs again, and nothing is lost', async ({ app, context }) => {
  test.setTimeout(240_000);
  // The reference: the same comparison in one piece, in the training worker alone.
  const reference = await context.newPage();
  await startComparison(
    {
      page: reference,
      trainToEnd: async () => {
        await expect(reference.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
        await reference.getByLabel('Speed').selectOption('null');
        await reference.getByRole('button', { name: 'Play', exact: true }).click();
        await expect(reference.locator('.status')).toContainText('finished', { timeout: 90_000 });
      },
    },
    1,
  );
  await expect(reference.getByTestId('comparison-phase')).toContainText('Done: 18 masks retrained', { timeout: 120_000 });
  const expected = comparisonOf(await exportRun(reference));
  await reference.close();

  const { page } = app;
  const started: string[] = [];
  page.on('worker', (w) => w.url().includes('pool.worker') && started.push(w.url()));
  await startComparison(app, 2);
  await expect(page.getByTestId('comparison-phase')).toContainText('3 seeds on 2 workers');
  await page.evaluate(() => (window as unknown as { lotteryLensDebug: { send(c: unknown): void } }).lotteryLensDebug.send({ type: 'fault', kind: 'poolExit' }));
  await expect(page.getByTestId('comparison-phase')).toContainText('Done: 18 masks retrained', { timeout: 120_000 });
  // Two pool workers, and a third that replaced the one that died.
  expect(started).toHaveLength(3);
  const got = comparisonOf(await exportRun(page));
  expect(got).toHaveLength(18);
  // Same masks, final weights, numbers, codes, in the same order as one worker.
  expect(got).toEqual(expected);
});

test('cancel stops every pool worker and keeps the finished parts', async ({ app }) => {
  const { page } = app;
  const pool = new Set<string>();
  let open = 0;
  page.on('worker', (w) => {
    if (!w.url().includes('pool.worker')) return;
    pool.add(w.url());
    open++;
    w.on('close', () => open--);
  });
  await startComparison(app, 2);
  await expect(page.getByTestId('comparison-phase')).toContainText('3 seeds on 2 workers');
  await expect.poll(() => open).toBe(2);
  await page.getByRole('button', { name: 'Cancel comparison' }).click();
  await expect(page.getByTestId('comparison-phase')).toContainText('Cancelled');
  await expect.poll(() => open).toBe(0);
});
