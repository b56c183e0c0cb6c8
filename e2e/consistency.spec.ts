/**
 * Every number in a run file is at the config it carries (SPEC 7): run a lottery lab and a
 * two-seed comparison (λ 1, motion window 100), change τ to 0.4, export, and recompute every
 * ticket's codes and re-expression and every seed run's final codes from the exported weights
 * at τ 0.4, with arithmetic written here from the SPEC (no app code).
 */
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';

type Params = { W1: number[][]; b1: number[]; W2: number[][]; b2: number[] };
type RunFile = {
  config: { tau: number; tauOut: number; lambda: number | null; motionSteps: number | null; seeds: { init: number; data: number } };
  clauses: { inputs: number[]; template: number[] }[];
  snapshots: (Params & { step: number })[];
  analysis: { finalCodes: number[][] };
  tickets: { method: string; role: string; seed: number; final: Params; codes: number[][]; reexpression: string[] }[];
  seedRuns: { seed: number; dataSeed: number; final: Params; finalCodes: number[][] }[];
};

/** SPEC 4: sign category at τ (strict), codes of clause c at τ, τ_out. */
const category = (row: number[], i: number, t: number) => {
  const sigma = Math.max(...row.map(Math.abs));
  return row[i] > t * sigma ? 1 : row[i] < -t * sigma ? -1 : 0;
};
const codesOf = (p: Params, file: RunFile) =>
  file.clauses.map((cl, c) =>
    p.W1.map((_, j) => j).filter((j) => cl.inputs.every((i, l) => category(p.W1[j], i, file.config.tau) === cl.template[l]) && category(p.W2[c], j, file.config.tauOut) === 1),
  );
/** SPEC 5: same row, different row, or lost, against the seed's dense final codes. */
const reexpressionOf = (codes: number[][], dense: number[][]) => codes.map((rows, c) => (rows.length === 0 ? 'lost' : rows.some((j) => dense[c].includes(j)) ? 'same-row' : 'different-row'));

test('after a τ change, every exported code, re-expression and seed run is at the new τ, and the labs’ λ and window are recorded', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await page.goto('./');
  await app.trainToEnd();

  // A lottery lab at 80% on two seeds.
  for (const s of ['50%', '70%', '90%']) await page.getByRole('checkbox', { name: s, exact: true }).uncheck();
  await page.getByLabel('Number of seeds').selectOption('2');
  await page.getByLabel('Rewind step').selectOption('0');
  await page.getByRole('button', { name: 'Run lottery' }).click();
  await expect(page.getByTestId('lottery-phase')).toContainText('Done', { timeout: 120_000 });

  // A two-seed comparison at 80% with λ 1 and motion window 100.
  const panel = page.locator('.comparison');
  for (const m of ['magnitude-init', 'grasp', 'synflow', 'oneshot', 'imp']) await panel.getByRole('checkbox', { name: m, exact: true }).uncheck();
  for (const s of ['50%', '70%', '90%']) await panel.getByRole('checkbox', { name: `comparison sparsity ${s}` }).uncheck();
  await panel.getByLabel('Comparison seeds').selectOption('2');
  await panel.getByLabel('Probe load weight lambda').selectOption('1');
  await panel.getByLabel('Motion window s').selectOption('100');
  await panel.getByRole('button', { name: 'Run comparison' }).click();
  await expect(page.getByTestId('comparison-phase')).toContainText('Done: 8 masks retrained', { timeout: 120_000 });
  await expect(page.getByTestId('comparison-claims')).toBeVisible();

  // τ 0.3 → 0.4: the labs are marked while the worker re-derives them, then not.
  await page.getByLabel('Sign threshold τ').fill('0.4');
  await expect(page.getByTestId('comparison-recomputing')).toHaveCount(0, { timeout: 30_000 });

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run' }).click();
  const file = JSON.parse(readFileSync(await (await download).path(), 'utf8')) as RunFile;

  expect(file.config.tau).toBe(0.4);
  expect(file.config.lambda).toBe(1);
  expect(file.config.motionSteps).toBe(100);

  // The dense run's and every seed run's final codes at τ 0.4.
  const last = file.snapshots.at(-1)!;
  expect(file.analysis.finalCodes).toEqual(codesOf(last, file));
  const denseCodes = new Map<number, number[][]>([[file.config.seeds.init, codesOf(last, file)]]);
  expect(file.seedRuns.length).toBeGreaterThan(0);
  for (const s of file.seedRuns) {
    expect(s.finalCodes, `seed ${s.seed}`).toEqual(codesOf(s.final, file));
    denseCodes.set(s.seed, codesOf(s.final, file));
    // Its own data stream, not the main run's.
    expect(s.dataSeed).not.toBe(file.config.seeds.data);
  }
  // Every ticket, the comparison's masks included: codes and re-expression at τ 0.4 against its own seed.
  expect(file.tickets.filter((t) => t.role === 'comparison')).toHaveLength(8);
  for (const t of file.tickets) {
    const codes = codesOf(t.final, file);
    expect(t.codes, `${t.method} seed ${t.seed}`).toEqual(codes);
    expect(t.reexpression, `${t.method} seed ${t.seed}`).toEqual(reexpressionOf(codes, denseCodes.get(t.seed)!));
  }
  // τ 0.4 changed something, or this test would show nothing.
  const at03 = { ...file, config: { ...file.config, tau: 0.3 } };
  expect(JSON.stringify(file.tickets.map((t) => codesOf(t.final, at03)))).not.toBe(JSON.stringify(file.tickets.map((t) => t.codes)));
});
