/**
 * auto by measurement: the first visit measures the candidates (within its budget) and keeps the
 * figures in localStorage; a reload uses them without measuring; re-measure measures again.
 * The badge states the figures. WebGL here is SwiftShader, so webgl is skipped, and says why.
 */
import { expect, test } from './fixtures';

const STORE_KEY = 'lottery-lens.calibrations.v1';

type Figure = { candidate: string; outcome: string; rate: number | null; note: string | null };
type Calibration = { key: string; single: Figure[]; batched: Figure[]; choice: { single: string; batched: string }; totalMs: number; budgetMs: number; models: number };

test('the first visit measures and keeps the figures, a reload uses them, re-measure measures again', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  const badge = page.getByTestId('backend');
  await expect(badge).toHaveAttribute('data-calibration', 'measured');
  const kept = async () => JSON.parse((await page.evaluate((k) => localStorage.getItem(k), STORE_KEY)) ?? '[]') as Calibration[];
  const [first, ...others] = await kept();
  expect(others).toEqual([]);
  console.log(`calibration on this machine: ${JSON.stringify(first)}`);
  // The device's key holds the worker's renderer and the browser's user agent.
  const ua = await page.evaluate(() => navigator.userAgent);
  expect(first.key.endsWith(ua)).toBe(true);
  // SwiftShader is a software rasterizer: webgl is not timed, and the figure says why.
  for (const figures of [first.single, first.batched]) {
    const webgl = figures.find((f) => f.candidate === 'webgl')!;
    expect(webgl.outcome).toBe('skipped');
    expect(webgl.note).toMatch(/software rasterizer/);
  }
  // The choice is the fastest timed candidate of each workload, and the run trains on it.
  // (None timed, as on a busy machine: the first CPU step not skipped.)
  const best = (figures: Figure[]) =>
    figures.filter((f) => f.outcome === 'timed').sort((a, b) => b.rate! - a.rate!)[0]?.candidate ?? figures.find((f) => f.outcome !== 'skipped' && f.candidate !== 'webgl')!.candidate;
  expect(first.choice.single).toBe(best(first.single));
  expect(first.choice.batched).toBe(best(first.batched));
  await expect(badge).toHaveAttribute('data-backend', first.choice.single);
  // The badge states the figures, as computed from them.
  const chosen = first.single.find((f) => f.candidate === first.choice.single && f.outcome === 'timed');
  await expect(badge).toContainText(chosen ? `auto → ${first.choice.single}: ` : `auto → ${first.choice.single} (nothing timed)`);
  await expect(badge).toContainText(`measured now in ${Math.round(first.totalMs)} ms`);

  await page.reload();
  await app.ready();
  await expect(badge).toHaveAttribute('data-calibration', 'cached');
  await expect(badge).toContainText('cached: measured on an earlier visit');
  expect(await kept()).toEqual([first]);

  // Re-measure, from the keyboard.
  await page.getByRole('button', { name: 'Re-measure backends' }).focus();
  await page.keyboard.press('Enter');
  await expect(badge).toHaveAttribute('data-calibration', 'measured');
  await expect(badge).toContainText('measured now in');
  const [again] = await kept();
  expect(again.key).toBe(first.key);
  await expect(badge).toContainText(`measured now in ${Math.round(again.totalMs)} ms`);
});

test('choosing webgl explicitly still trains on webgl, without a calibration', async ({ app }) => {
  const { page } = app;
  await page.goto('./?backend=webgl&steps=20');
  await app.ready();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'webgl');
  await expect(page.getByRole('button', { name: 'Re-measure backends' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Step 10', exact: true }).click();
  // webgl on SwiftShader compiles its shaders on the first step: seconds, more on a busy machine.
  await expect(page.getByTestId('step')).toHaveText('10', { timeout: 90_000 });
});
