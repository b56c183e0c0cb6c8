/**
 * Backends in a real Chromium worker: WebGL really runs (tfjs falls back to cpu silently, so the
 * backend name is asserted), and cpu and webgl train the same numbers.
 */
import { expect, test } from './fixtures';

type Params = { W1: number[]; b1: number[]; W2: number[]; b2: number[] };
type TrainResult = { backend: string; step: number; params: Params };

function maxAbsDiff(a: Params, b: Params): number {
  let d = 0;
  for (const key of ['W1', 'b1', 'W2', 'b2'] as const) {
    expect(a[key].length).toBe(b[key].length);
    a[key].forEach((v, i) => (d = Math.max(d, Math.abs(v - b[key][i]))));
  }
  return d;
}

test('cpu and webgl agree within 1e-4 after 300 steps of the default run', async ({ app }) => {
  const { page } = app;
  await page.goto('./diagnostics.html');
  await page.waitForFunction(() => 'lotteryDiagnostics' in window);
  const probe = await page.evaluate(() => window.lotteryDiagnostics!.probe());
  expect(probe.renderer, 'WebGL is available in the worker').not.toBeNull();
  const train = (backend: 'cpu' | 'webgl') => page.evaluate((b) => window.lotteryDiagnostics!.train({ backend: b, steps: 300 }), backend) as Promise<TrainResult>;
  const cpu = await train('cpu');
  const webgl = await train('webgl');
  expect(cpu.backend).toBe('cpu');
  expect(webgl.backend).toBe('webgl');
  expect(cpu.step).toBe(300);
  expect(webgl.step).toBe(300);
  const diff = maxAbsDiff(cpu.params, webgl.params);
  expect(diff).toBeLessThanOrEqual(1e-4);
  // They did train: 300 steps moved the weights well beyond where one step left them.
  const init = (await page.evaluate(() => window.lotteryDiagnostics!.train({ backend: 'cpu', steps: 1 }))) as TrainResult;
  expect(maxAbsDiff(cpu.params, init.params)).toBeGreaterThan(0.05);
});

test('the same backend gives identical weights for the same seeds', async ({ app }) => {
  const { page } = app;
  await page.goto('./diagnostics.html');
  await page.waitForFunction(() => 'lotteryDiagnostics' in window);
  for (const backend of ['webgl', 'fused-js', 'fused-wasm'] as const) {
    const run = () => page.evaluate((b) => window.lotteryDiagnostics!.train({ backend: b, steps: 50 }), backend) as Promise<TrainResult>;
    const a = await run();
    const b = await run();
    expect(a.backend).toBe(backend);
    expect(maxAbsDiff(a.params, b.params)).toBe(0);
  }
});
