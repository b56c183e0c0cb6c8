/**
 * Faults on the worker side, in a real Chromium worker: a WebGL context lost mid-run (through
 * `window.lotteryLensDebug.send`, a raw command to the worker) moves training to tfjs wasm (or
 * cpu) from the last kept snapshot with its optimizer state, and the finished run is the one an
 * uninterrupted webgl run gives; a step that throws fails the run with its message.
 */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test, type AppPage } from './fixtures';

type Nested = { W1: number[][]; b1: number[]; W2: number[][]; b2: number[] };
type RunFile = {
  config: { backend: string; steps: number; snapshotEvery: number };
  snapshots: ({ step: number } & Nested)[];
  metrics: { step: number; loss: number; balancedAccuracy: number; exactMatch: number }[];
};

const STEPS = 600;
const EVERY = 20;
const URL = `./?backend=webgl&steps=${STEPS}`;

async function exportRun(page: Page): Promise<RunFile> {
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Export run', exact: true }).click();
  return JSON.parse(readFileSync(await (await download).path(), 'utf8')) as RunFile;
}

function maxAbsDiff(a: Nested, b: Nested): number {
  const flat = (p: Nested) => [...p.W1.flat(), ...p.b1, ...p.W2.flat(), ...p.b2];
  const x = flat(a);
  const y = flat(b);
  expect(x.length).toBe(y.length);
  return Math.max(...x.map((v, i) => Math.abs(v - y[i])));
}

async function openOnWebGL(app: AppPage): Promise<void> {
  await app.page.goto(URL);
  await app.ready();
  await expect(app.page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl');
}

test('a WebGL context lost mid-run: training moves to wasm from the last snapshot, no step lost or repeated, same result', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;

  // The uninterrupted run, on webgl throughout.
  await openOnWebGL(app);
  await app.trainToEnd();
  const reference = await exportRun(page);
  expect(reference.config.backend).toBe('webgl');

  // The same run, its context lost at about step 150 while playing at 100 steps/s.
  await openOnWebGL(app);
  await page.getByLabel('Speed').selectOption('100');
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => app.step(), { timeout: 30_000 }).toBeGreaterThan(150);
  await page.evaluate(() => window.lotteryLensDebug!.send({ type: 'fault', kind: 'loseContext' }));
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(wasm|cpu)$/);
  const notice = page.getByTestId('fault-notice');
  await expect(notice).toBeVisible();
  await expect(notice).toHaveAttribute('role', 'status');
  const text = (await notice.textContent())!;
  const m = /^The WebGL context was lost at step (\d+); training continues on (wasm|cpu) from the snapshot at step (\d+); no step was lost\.$/.exec(text);
  expect(m, text).not.toBeNull();
  const [lostAt, from] = [Number(m![1]), Number(m![3])];
  expect(from % EVERY).toBe(0);
  expect(from).toBeLessThanOrEqual(lostAt);
  expect(from).toBeGreaterThan(100);
  await expect(page.getByTestId('backend')).toContainText(m![2]);
  // It is still playing by itself; finish at full speed.
  await expect(page.locator('.status')).not.toContainText('paused');
  await page.getByLabel('Speed').selectOption('null');
  await expect(page.locator('.status')).toContainText('finished', { timeout: 90_000 });
  await expect(notice).toBeVisible();
  const run = await exportRun(page);
  expect(run.config.backend).toBe(m![2]);

  // Every multiple of snapshotEvery exactly once, nothing else.
  const expected = Array.from({ length: STEPS / EVERY + 1 }, (_, i) => i * EVERY);
  expect(run.snapshots.map((s) => s.step)).toEqual(expected);
  expect(run.metrics.map((s) => s.step)).toEqual(expected);
  // Up to the snapshot it resumed from, the two runs are the same webgl run, bit for bit.
  const at = (f: RunFile, step: number) => f.snapshots.find((s) => s.step === step)!;
  expect(maxAbsDiff(at(run, from), at(reference, from))).toBe(0);
  // After it, wasm continued the webgl run with its optimizer state: float rounding apart, the same.
  const last = (f: RunFile) => f.metrics[f.metrics.length - 1];
  expect(Math.abs(last(run).balancedAccuracy - last(reference).balancedAccuracy)).toBeLessThanOrEqual(1e-3);
  const diff = maxAbsDiff(at(run, STEPS), at(reference, STEPS));
  console.log(`final max weight difference, lost-context run vs uninterrupted webgl run: ${diff.toExponential(2)}`);
  expect(diff).toBeLessThanOrEqual(1e-5);
});

test('a training step that throws: the worker is replaced, the run restored, and training works again', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  await page.getByRole('button', { name: 'Step 10', exact: true }).click();
  await expect.poll(() => app.step()).toBe(10);
  await page.evaluate(() => window.lotteryLensDebug!.send({ type: 'fault', kind: 'throw' }));
  await page.getByRole('button', { name: 'Step 10', exact: true }).click();
  await expect(page.getByTestId('fault-notice')).toContainText('Injected fault: a training step threw.');
  await expect(page.getByTestId('fault-notice')).toContainText('restored from its newest snapshot, step 10');
  await expect(page.locator('.status')).toContainText('10 / 3000 steps · paused');
  await page.getByRole('button', { name: 'Step 10', exact: true }).click();
  await expect.poll(() => app.step()).toBe(20);
});

test('a WebGL context lost during the lottery lab stops the lab, keeps the run, and the lab runs again on wasm', async ({ app }) => {
  test.setTimeout(240_000);
  const { page } = app;
  await page.goto('./?backend=webgl&steps=200');
  await app.ready();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl');
  await app.trainToEnd();
  await page.getByLabel('Rewind step').selectOption('0');
  await page.getByRole('button', { name: 'Run lottery', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Cancel', exact: true }).first()).toBeVisible();
  await page.evaluate(() => window.lotteryLensDebug!.send({ type: 'fault', kind: 'loseContext' }));
  await expect(page.getByTestId('lottery-phase')).toContainText('The WebGL context was lost, so the lab stopped; the results of its finished phases are kept.');
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /^(wasm|cpu)$/);
  await expect(page.getByTestId('fault-notice')).toHaveText(/^The WebGL context was lost during the lottery lab; the run is kept, and from now on everything runs on (wasm|cpu)\.$/);
  await expect(page.locator('.status')).toContainText('200 / 200 steps · finished');
  await page.getByRole('button', { name: 'Run lottery', exact: true }).click();
  await expect(page.getByTestId('lottery-phase')).toContainText('Done', { timeout: 150_000 });
  await expect(page.getByTestId('ticket-table').locator('tbody tr').first()).toBeVisible();
});
