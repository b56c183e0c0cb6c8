/**
 * Feature space after a full default run: the view's counts are the engine's analysis, which
 * an independent recomputation from the exported weights confirms; selection reaches the
 * heatmap; r re-reads the run without retraining; export → import restores the same view;
 * a malformed file is refused by name and the run stays.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

type Snap = { step: number; W1: number[][]; W2: number[][] };
type RunFile = {
  config: { K: number; m: number; tau: number; tauOut: number; r: number; steps: number };
  clauses: { inputs: number[]; template: number[] }[];
  snapshots: Snap[];
  analysis: { precursors: { outcome: string }[]; recruited: unknown[]; finalCodes: number[][]; final: boolean };
};

/** SPEC 4 recomputed from the file's nested weights (no app code). */
function recount(file: RunFile, r: number) {
  const { K, m, tau, tauOut } = file.config;
  const cat = (row: number[], i: number, t: number) => {
    const s = Math.max(...row.map(Math.abs));
    return row[i] > t * s ? 1 : row[i] < -t * s ? -1 : 0;
  };
  const d = (s: Snap, j: number, c: number) => file.clauses[c].inputs.filter((i, l) => cat(s.W1[j], i, tau) !== file.clauses[c].template[l]).length;
  const first = file.snapshots[0];
  const last = file.snapshots[file.snapshots.length - 1];
  let converged = 0;
  let rejected = 0;
  let recruited = 0;
  for (let j = 0; j < m; j++)
    for (let c = 0; c < K; c++) {
      const code = d(last, j, c) === 0 && cat(last.W2[c], j, tauOut) === 1;
      if (d(first, j, c) <= r) code ? converged++ : rejected++;
      else if (code) recruited++;
    }
  return { converged, rejected, recruited };
}

async function counts(page: Page) {
  const n = async (id: string) => Number(await page.getByTestId(id).textContent());
  return { converged: await n('count-converged'), rejected: await n('count-rejected'), recruited: await n('count-recruited') };
}

async function exportRun(page: Page): Promise<{ path: string; file: RunFile }> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  const path = await (await download).path();
  return { path, file: JSON.parse(readFileSync(path, 'utf8')) as RunFile };
}

test('a trained run shows converged, rejected and recruited marks that match an independent recount', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.trainToEnd();
  await expect(page.getByTestId('outcome-status')).toContainText('Outcomes of the finished run');
  const shown = await counts(page);
  expect(shown.converged + shown.rejected).toBeGreaterThan(0);

  const { path, file } = await exportRun(page);
  expect(file.analysis.final).toBe(true);
  expect(file.snapshots.at(-1)!.step).toBe(3000);
  const inFile = {
    converged: file.analysis.precursors.filter((p) => p.outcome === 'converged').length,
    rejected: file.analysis.precursors.filter((p) => p.outcome === 'rejected').length,
    recruited: file.analysis.recruited.length,
  };
  expect(shown).toEqual(inFile);
  expect(shown).toEqual(recount(file, 1));
  await expect(page.getByTestId('feature-space')).toHaveAttribute('data-step', '3000');

  // Selecting a row reaches the heatmap; selecting a clause outlines its inputs there.
  await page.getByLabel('Row', { exact: true }).selectOption('3');
  await expect(page.getByTestId('w1-heatmap')).toHaveAttribute('data-highlight-row', '3');
  await expect(page.getByTestId('row-details')).toContainText('Row 3');
  await page.getByLabel('Clause', { exact: true }).selectOption('2');
  await expect(page.getByTestId('w1-heatmap')).toHaveAttribute('data-highlight-cols', file.clauses[2].inputs.join(','));

  // r re-reads the same run: the precursor count changes, the step does not.
  await page.getByLabel('Precursor radius r').fill('2');
  const wider = recount(file, 2);
  await expect.poll(async () => (await counts(page)).converged + (await counts(page)).rejected).toBe(wider.converged + wider.rejected);
  expect(wider.converged + wider.rejected).toBeGreaterThan(shown.converged + shown.rejected);
  expect(await app.step()).toBe(3000);
  await page.getByLabel('Precursor radius r').fill('1');
  await expect.poll(() => counts(page)).toEqual(shown);

  // A malformed file is refused by its first bad field; the run stays.
  const bad = JSON.parse(readFileSync(path, 'utf8'));
  bad.snapshots[1].W1[2][5] = 'oops';
  await page.getByTestId('import-run').setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(bad)) });
  await expect(page.getByRole('alert').filter({ hasText: 'not loaded' })).toContainText('snapshots[1].W1[2][5]');
  expect(await counts(page)).toEqual(shown);
  expect(await app.step()).toBe(3000);

  // Export then import: a fresh page shows the same run and the same counts.
  await page.goto('./?m=8');
  await app.ready();
  await page.getByTestId('import-run').setInputFiles(path);
  await expect(page.getByText('imported run: view only')).toBeVisible();
  await expect(page.getByLabel('Hidden rows m')).toHaveValue('16');
  await expect.poll(() => counts(page)).toEqual(shown);
  await expect(page.getByTestId('step')).toHaveText('3000');
  await expect(page.getByTestId('metric-balanced')).not.toHaveText('–');
});
