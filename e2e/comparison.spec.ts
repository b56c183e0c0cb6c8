/**
 * A small probe comparison as a user runs it (3 methods, 1 sparsity, 2 seeds): the table fills,
 * every mask keeps the same number of weights, and the CSV downloads with the same numbers.
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

test('a small comparison fills the table with equal budgets, and its CSV carries the same numbers', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.trainToEnd();
  const panel = page.locator('.comparison');
  for (const m of ['motion', 'magnitude-init', 'grasp', 'synflow', 'oneshot', 'imp']) await panel.getByRole('checkbox', { name: m, exact: true }).uncheck();
  for (const s of ['50%', '70%', '90%']) await panel.getByRole('checkbox', { name: `comparison sparsity ${s}` }).uncheck();
  await panel.getByLabel('Comparison seeds').selectOption('2');
  await panel.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('comparison-phase')).toContainText('Done: 6 masks retrained', { timeout: 120_000 });

  const table = page.getByTestId('comparison-table');
  await expect(table.locator('tbody tr')).toHaveCount(3);
  const kept = await table.getByTestId('comparison-kept').allTextContents();
  expect(new Set(kept)).toEqual(new Set(['115']));
  await expect(page.getByTestId('verdicts')).toContainText(/At 80% sparsity, \w+ (led|and \w+ tied)/);

  const download = page.waitForEvent('download');
  await panel.getByRole('button', { name: 'Download CSV' }).click();
  const lines = readFileSync(await (await download).path(), 'utf8').trim().split('\n');
  expect(lines[0]).toBe('method,sparsity,kept,seed,balancedAccuracy,exactMatch,codeRecovery,familyRecovery');
  const rows = lines.slice(1).map((l) => l.split(','));
  expect(rows).toHaveLength(6);
  expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(['distance', 'snip', 'random']));
  expect(new Set(rows.map((r) => r[2]))).toEqual(new Set(['115']));
  for (const method of ['distance', 'snip', 'random']) {
    const mean = rows.filter((r) => r[0] === method).reduce((a, r) => a + Number(r[4]), 0) / 2;
    const shown = await table.locator(`tr[data-method="${method}"]`).getByTestId('comparison-accuracy').textContent();
    expect(shown!.startsWith(`${(100 * mean).toFixed(1)}%`)).toBe(true);
  }
});
