/**
 * A task you can edit (SPEC 2): a clause typed in the task panel starts a fresh run on the
 * edited task; its link carries the clauses, so a second page trains the very same run (same
 * clauses in the file, identical final weights), and its run file, imported, shows and keeps
 * them through Reset. A clause that does not parse shows why beside
 * it and Play waits; clauses sharing an input with opposite signs are marked as conflicting.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function exportRun(page: Page) {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8'));
}

const clause = (page: Page, i: number) => page.getByRole('textbox', { name: `Clause ${i}`, exact: true });

test('an edited clause trains a fresh run, and its link reopens the same task with identical final weights', async ({ app, context }) => {
  const { page } = app;
  await page.goto('./?steps=400');
  await app.ready();
  await page.getByRole('button', { name: 'Step 10', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('10');

  await clause(page, 1).fill('x0 & !x5 & x9');
  await clause(page, 1).press('Enter');
  await expect(page.getByTestId('step')).toHaveText('0');
  await expect(clause(page, 1)).toHaveValue('x0 ∧ ¬x5 ∧ x9');
  await app.trainToEnd();
  await expect.poll(() => new URL(page.url()).searchParams.get('at')).toBe('400');
  const url = new URL(page.url());
  expect(url.searchParams.get('clauses')).toMatch(/^[^_]+_0\.n5\.9_/);
  const original = await exportRun(page);
  expect(original.clauses[1]).toEqual({ inputs: [0, 5, 9], template: [1, -1, 1] });

  const other = await context.newPage();
  await other.goto(url.toString());
  await expect(clause(other, 1)).toHaveValue('x0 ∧ ¬x5 ∧ x9');
  await expect(other.locator('.status')).toContainText('finished', { timeout: 90_000 });
  const reopened = await exportRun(other);
  expect(reopened.clauses).toEqual(original.clauses);
  expect(reopened.snapshots.at(-1).step).toBe(400);
  expect(reopened.snapshots.at(-1)).toEqual(original.snapshots.at(-1));
  await other.close();

  // The file, imported into a page with the seed's clauses: the panel shows the file's, and Reset keeps them.
  await page.goto('./?steps=400');
  await app.ready();
  await expect(clause(page, 1)).not.toHaveValue('x0 ∧ ¬x5 ∧ x9');
  await page.getByTestId('import-run').setInputFiles({ name: 'run.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(original)) });
  await expect(page.getByText('imported run: view only')).toBeVisible();
  await expect(clause(page, 1)).toHaveValue('x0 ∧ ¬x5 ∧ x9');
  await page.getByRole('button', { name: 'Reset' }).click();
  await page.getByRole('button', { name: 'Step 10', exact: true }).click();
  await expect(page.getByTestId('step')).toHaveText('10');
  await expect(clause(page, 1)).toHaveValue('x0 ∧ ¬x5 ∧ x9');
  expect((await exportRun(page)).clauses).toEqual(original.clauses);
});

test('an invalid clause shows its message beside it and Play waits; conflicting clauses are marked', async ({ app }) => {
  const { page } = app;
  await page.goto('./?K=4&steps=200');
  await app.ready();
  const play = page.getByRole('button', { name: 'Play', exact: true });

  await clause(page, 2).fill('x3 & x3 & x7');
  await clause(page, 2).press('Enter');
  await expect(page.getByRole('alert').filter({ hasText: 'x3 appears twice' })).toBeVisible();
  await expect(clause(page, 2)).toHaveAttribute('aria-invalid', 'true');
  await expect(play).toBeDisabled();
  await clause(page, 2).press('Escape');
  await expect(page.getByRole('alert').filter({ hasText: 'x3 appears twice' })).toHaveCount(0);
  await expect(play).toBeEnabled();

  await clause(page, 0).fill('x1 ∧ x2 ∧ x3');
  await clause(page, 0).press('Enter');
  await app.ready();
  await clause(page, 1).fill('¬x1 AND x4 AND x5');
  await clause(page, 1).press('Enter');
  await app.ready();
  await expect(page.getByTestId('clause').nth(0)).toContainText('⚠ conflicts with c1');
  await expect(page.getByTestId('clause').nth(1)).toContainText('⚠ conflicts with c0');
});
