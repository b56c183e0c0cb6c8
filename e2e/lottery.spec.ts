/**
 * The lottery lab as a user runs it: train the dense net, prune to 80% by IMP, rewind to 0,
 * retrain ticket and controls together; the numbers appear, the exported tickets are exactly 0
 * where their masks are, and the re-expression counts cover every clause.
 */
import { readFileSync } from 'node:fs';
import { testSet } from '../src/engine/core/task';
import { specScores } from '../src/testing/specReference';
import { expect, test } from './fixtures';

/** Where the exported run file is kept for CI's Python loader check (.ci/run). */
const EXPORTED_RUN = 'test-results/run-files/lottery-run.json';

type Ticket = {
  method: string;
  role: string;
  sparsity: number;
  kept: number;
  rewindStep: number;
  mask: { W1: number[][]; W2: number[][] };
  final: { W1: number[][]; b1: number[]; W2: number[][]; b2: number[] };
  balancedAccuracy: number;
  reexpression: string[];
  codes: number[][];
};

test('prune to 80%, rewind to 0, retrain: ticket and controls appear, masks hold, re-expression covers K', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.trainToEnd();

  for (const s of ['50%', '70%', '90%']) await page.getByRole('checkbox', { name: s, exact: true }).uncheck();
  await expect(page.getByRole('checkbox', { name: '80%', exact: true })).toBeChecked();
  await page.getByLabel('Rewind step').selectOption('0');
  await page.getByRole('button', { name: 'Run lottery' }).click();
  await expect(page.getByTestId('lottery-phase')).toContainText('Done', { timeout: 120_000 });

  const rows = page.getByTestId('ticket-table').locator('tbody tr');
  await expect(rows.filter({ hasText: '80.0%' })).toHaveCount(3);
  // The accuracy on screen for each network, keyed by the file's method name.
  const shown = new Map<string, string>();
  for (const [method, inFile] of [
    ['ticket', 'imp'],
    ['reinit', 'reinit'],
    ['random-mask', 'random'],
  ]) {
    const acc = await page.getByTestId('ticket-table').locator(`tr[data-method="${method}"]`).filter({ hasText: '80.0%' }).getByTestId('ticket-accuracy').textContent();
    shown.set(inFile, acc!.trim());
  }

  await page.getByRole('button', { name: /Show the ticket \(rewound\) at 80.0%/ }).click();
  await expect(page.getByTestId('selected-ticket')).toBeVisible();
  const counts = (await page.getByTestId('reexpression-counts').textContent())!;
  const [same, different, lost] = [...counts.matchAll(/(\d+) (?:on the same row|on a|lost)/g)].map((m) => Number(m[1]));
  expect(same + different + lost).toBe(12);
  await expect(page.getByTestId('w1-heatmap')).not.toHaveAttribute('data-kept', String(16 * 24));
  // The ticket in feature space: the supported locations are marked, and counted alike in both places.
  const supported = (await page.getByTestId('supported-summary').textContent())!.match(/supports (\d+) of 192/)![1];
  await expect(page.getByTestId('legend-supported')).toContainText(`(${supported})`);

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  // Kept in a stable place: CI runs docs/examples/load_run.py on it (.ci/run), so the
  // documented Python loader is tried on a real export with tickets and masks.
  await (await download).saveAs(EXPORTED_RUN);
  const file = JSON.parse(readFileSync(EXPORTED_RUN, 'utf8')) as {
    tickets: Ticket[];
    config: { tau: number; tauOut: number; n: number; m: number; K: number; k: number; p: number; q: number; seeds: { test: number } };
    clauses: { inputs: number[]; template: number[] }[];
  };
  // Codes recomputed from each ticket's exported weights by SPEC 4 (no app code): d = 0 on the
  // clause's literals at tau, and a positive readout at tauOut.
  const cat = (row: number[], i: number, t: number) => {
    const s = Math.max(...row.map(Math.abs));
    return row[i] > t * s ? 1 : row[i] < -t * s ? -1 : 0;
  };
  const codesOf = (t: Ticket) =>
    file.clauses.map((cl, c) =>
      t.final.W1.map((_, j) => j).filter((j) => cl.inputs.every((i, l) => cat(t.final.W1[j], i, file.config.tau) === cl.template[l]) && cat(t.final.W2[c], j, file.config.tauOut) === 1),
    );
  const at80 = file.tickets.filter((t) => Math.abs(t.sparsity - 0.8) < 0.001);
  expect(at80.map((t) => t.method).sort()).toEqual(['imp', 'random', 'reinit']);
  // Each accuracy on screen is the retrained weights' balanced accuracy on the SPEC 2 test set,
  // recomputed here by a plain forward pass (SPEC 3).
  const { n, m, K } = file.config;
  const data = testSet({ config: file.config, clauses: file.clauses }, file.config.seeds.test);
  for (const t of at80) {
    const params = { W1: Float32Array.from(t.final.W1.flat()), b1: Float32Array.from(t.final.b1), W2: Float32Array.from(t.final.W2.flat()), b2: Float32Array.from(t.final.b2) };
    const ref = specScores(params, data, { n, m, K });
    expect(ref.clausesWithBothClasses).toBe(K);
    expect(Math.abs(Number(shown.get(t.method)!.replace('%', '')) - 100 * ref.balancedAccuracy), t.method).toBeLessThanOrEqual(0.05 + 1e-9);
    expect(t.balancedAccuracy).toBeCloseTo(ref.balancedAccuracy, 9);
  }
  for (const t of file.tickets) {
    let kept = 0;
    t.mask.W1.forEach((row, j) => row.forEach((keep, i) => (keep ? kept++ : expect(t.final.W1[j][i]).toBe(0))));
    t.mask.W2.forEach((row, c) => row.forEach((keep, j) => (keep ? kept++ : expect(t.final.W2[c][j]).toBe(0))));
    expect(kept).toBe(t.kept);
    expect(t.rewindStep).toBe(0);
    expect(t.reexpression).toHaveLength(12);
    expect(t.codes).toEqual(codesOf(t));
  }
  expect(at80.every((t) => t.kept === 115)).toBe(true);
});
