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
  const lines = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n');
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

  // Click through: a method's mask goes on the heatmaps and rings its locations in feature space.
  await table.getByRole('button', { name: /Show the distance mask at 80.0%/ }).click();
  await expect(page.getByTestId('w1-heatmap')).toHaveAttribute('data-kept', /^\d+$/);
  expect(Number(await page.getByTestId('w1-heatmap').getAttribute('data-kept'))).toBeLessThan(16 * 24);
  await expect(page.getByTestId('legend-supported')).toContainText('distance mask');

  // Run again with the same settings: answered from the cache, at once.
  await panel.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('comparison-phase')).toContainText('Done: 6 masks retrained');
  await expect(table.locator('tbody tr')).toHaveCount(3);

  // The exported masks and weights agree with themselves: zero where pruned, 115 kept, and codes
  // recomputed by SPEC 4 from the exported weights.
  const runDownload = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  const run = JSON.parse(readFileSync(await (await runDownload).path(), 'utf8'));
  const cmp = run.tickets.filter((t: { role: string }) => t.role === 'comparison');
  expect(cmp).toHaveLength(6);
  expect(run.seedRuns.map((r: { seed: number }) => r.seed)).toEqual([3]);
  const cat = (row: number[], i: number, t: number) => {
    const s = Math.max(...row.map(Math.abs));
    return row[i] > t * s ? 1 : row[i] < -t * s ? -1 : 0;
  };
  for (const t of cmp) {
    let kept = 0;
    t.mask.W1.forEach((row: number[], j: number) => row.forEach((k, i) => (k ? kept++ : expect(t.final.W1[j][i]).toBe(0))));
    t.mask.W2.forEach((row: number[], c: number) => row.forEach((k, j) => (k ? kept++ : expect(t.final.W2[c][j]).toBe(0))));
    expect(kept).toBe(115);
    const codes = run.clauses.map((cl: { inputs: number[]; template: number[] }, c: number) =>
      t.final.W1.map((_: unknown, j: number) => j).filter(
        (j: number) => cl.inputs.every((i, l) => cat(t.final.W1[j], i, run.config.tau) === cl.template[l]) && cat(t.final.W2[c], j, run.config.tauOut) === 1,
      ),
    );
    expect(t.codes).toEqual(codes);
  }
});
