/**
 * Claims across seeds as a user runs them: after the dense run, three seeds pooled; the page
 * shows claims 1 and 2 with their counts and a verdict word, the file carries the same numbers
 * under `claims`, and each verdict is the one its interval or test gives (SPEC 8).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

type Claims = {
  seeds: number[];
  proximity: { byD0: { d0: number; locations: number; codes: number }[]; nearerRatio: number; ci95: [number, number]; verdict: string };
  rejection: { byCrowd0: { precursors: number; rejected: number }[]; z: number; p: number; verdict: string };
};

test('claims across three seeds: counts on screen and in the file agree, and each verdict follows its interval', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.trainToEnd();
  const panel = page.getByTestId('seed-claims');
  await panel.getByLabel('Seeds').fill('3');
  await panel.getByRole('button', { name: 'Claims across seeds' }).click();
  await expect(page.getByTestId('claim-1')).toBeVisible({ timeout: 120_000 });

  // Every location of every seed is counted once: 3 seeds × 16 rows × 12 clauses.
  const cells = await page
    .getByTestId('claim-1')
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((r) => Array.from(r.querySelectorAll('td')).map((td) => td.textContent ?? '')));
  expect(cells.reduce((a, r) => a + Number(r[0]), 0)).toBe(3 * 16 * 12);
  const word1 = await page.getByTestId('claim-1').getByTestId('verdict-word').textContent();
  const word2 = await page.getByTestId('claim-2').getByTestId('verdict-word').textContent();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as { claims: Claims; seedRuns: { seed: number; dataSeed: number }[]; config: { seeds: { init: number; data: number } } };
  const c = file.claims;
  expect(c.seeds).toEqual([file.config.seeds.init, file.config.seeds.init + 1, file.config.seeds.init + 2]);
  expect(c.proximity.byD0.map((b) => [String(b.locations), String(b.codes)])).toEqual(cells.map((r) => [r[0], r[1]]));
  expect(new Set([file.config.seeds.data, ...file.seedRuns.map((s) => s.dataSeed)]).size).toBe(3);

  // SPEC 8's verdict rules, applied here to the file's own interval and test.
  const [lo, hi] = c.proximity.ci95;
  expect(c.proximity.verdict).toBe(hi < 1 ? 'supported' : lo > 1 ? 'contradicted' : 'inconclusive');
  expect(c.rejection.verdict).toBe(c.rejection.p < 0.05 ? (c.rejection.z > 0 ? 'supported' : 'contradicted') : 'inconclusive');
  expect([word1, word2]).toEqual([c.proximity.verdict, c.rejection.verdict]);
});
