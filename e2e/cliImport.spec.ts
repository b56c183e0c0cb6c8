/**
 * A file from the command line (bin/lottery-lens.mjs) comes into the page by Import run…, as a
 * researcher brings a sweep back: the page shows that run's numbers (the dense run's metrics and
 * analysis) as the file holds them. (An import shows the dense run; the page does not load a
 * file's lab results, from the command line or from its own Export run.)
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { outcomeCounts } from './settled';

interface CliFile {
  snapshots: unknown[];
  analysis: { precursors: { outcome: string }[]; recruited: unknown[] };
  metrics: { step: number; loss: number; balancedAccuracy: number; exactMatch: number }[];
}

test('a comparison run by the command line is imported by the file picker, with its numbers on the page', async ({ app }, testInfo) => {
  test.setTimeout(240_000);
  const path = testInfo.outputPath('cli-compare.json');
  execFileSync(
    process.execPath,
    ['bin/lottery-lens.mjs', 'compare', '--steps', '400', '--seedInit', '6', '--methods', 'distance,snip,random', '--sparsities', '0.8', '--seeds', '6,7', '--out', path, '--quiet'],
    { stdio: ['ignore', 'ignore', 'inherit'] },
  );
  const file = JSON.parse(readFileSync(path, 'utf8')) as CliFile;
  const last = file.metrics[file.metrics.length - 1];
  const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

  const { page } = app;
  await page.goto('./');
  await app.ready();
  await expect(page.getByTestId('metric-step')).toHaveText('0');
  await page.getByTestId('import-run').setInputFiles(path);
  await expect(page.getByText('imported run: view only')).toBeVisible();
  await expect(page.getByLabel('Init seed')).toHaveValue('6');
  await expect(page.getByTestId('metric-step')).toHaveText('400');
  await expect(page.getByTestId('metric-loss')).toHaveText(last.loss.toFixed(4));
  await expect(page.getByTestId('metric-balanced')).toHaveText(pct(last.balancedAccuracy));
  await expect(page.getByTestId('metric-exact')).toHaveText(pct(last.exactMatch));

  // The run's analysis as the file records it: precursor outcomes and recruited codes.
  const outcomes = (o: string) => file.analysis.precursors.filter((p) => p.outcome === o).length;
  await expect.poll(() => outcomeCounts(page)).toEqual({ converged: outcomes('converged'), rejected: outcomes('rejected'), recruited: file.analysis.recruited.length });
  await expect(page.getByLabel('Timeline')).toHaveAttribute('max', String(file.snapshots.length - 1));
});
