/**
 * A long run in the app: 50,000 steps at the default model size, feature-space analysis on,
 * speed max, played through the UI until "finished". Reported: steps/s from the click on Play,
 * the snapshots kept at the end (the page's timeline and the worker's history, which must
 * agree), the page's JS heap (performance.memory.usedJSHeapSize after a forced collection) at
 * about 10,000 steps and at the end, and the worker's live tfjs tensors, read through the
 * worker's `lotteryLensWorker` hook (training.worker.ts) with Playwright's worker.evaluate.
 *
 * Scenarios: one snapshot per step on the backend `auto` picks (the worst case for the
 * history: it reaches its cap and thins), and the tfjs wasm backend at the default stride
 * (tfjs tensors, so a leak per step would show in the count).
 */
export const LONG_RUN_SCENARIOS = [
  { id: 'auto-every-step', label: 'auto backend, a snapshot every step', query: '?steps=50000&snapshotEvery=1' },
  { id: 'tfjs-wasm', label: 'tfjs wasm backend, a snapshot every 20 steps', query: '?steps=50000&backend=wasm' },
];
const EARLY_STEP = 10_000;

const int = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const mb = (bytes) => (Number.isFinite(bytes) ? (bytes / 2 ** 20).toFixed(1) : '—');

/** The page's JS heap after a full collection (CDP), as performance.memory reports it. */
async function pageHeap(page, cdp) {
  await cdp.send('HeapProfiler.collectGarbage');
  return page.evaluate(() => performance.memory?.usedJSHeapSize ?? NaN);
}

async function workerMemory(page) {
  const worker = page.workers().find((w) => w.url().includes('training.worker'));
  if (!worker) return null;
  return worker.evaluate(() => self.lotteryLensWorker?.memory() ?? null);
}

const stepNow = (page) => page.locator('[data-testid=step]').textContent().then(Number);

export async function measureLongRun(context, baseUrl, scenario) {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  [long-run page error] ${e.message}`));
  try {
    await page.goto(`${baseUrl}index.html${scenario.query}`);
    const badge = page.locator('[data-testid=backend][data-backend]');
    await badge.waitFor({ timeout: 60_000 });
    const backend = await badge.getAttribute('data-backend');
    const cdp = await context.newCDPSession(page);
    const startHeap = await pageHeap(page, cdp);
    await page.getByLabel('Speed').selectOption({ label: 'max' });
    const play = page.getByRole('button', { name: 'Play', exact: true });
    const t0 = Date.now();
    await play.click();
    await page.waitForFunction((at) => Number(document.querySelector('[data-testid=step]')?.textContent) >= at, EARLY_STEP, { timeout: 600_000, polling: 100 });
    const early = { step: await stepNow(page), heap: await pageHeap(page, cdp), worker: await workerMemory(page) };
    await page.locator('output[aria-label="Training status"]').filter({ hasText: 'finished' }).waitFor({ timeout: 1_800_000 });
    const wallMs = Date.now() - t0;
    const steps = await stepNow(page);
    const end = { step: steps, heap: await pageHeap(page, cdp), worker: await workerMemory(page) };
    const pageKept = Number(await page.locator('#timeline').getAttribute('max')) + 1;
    await cdp.detach();
    return { id: scenario.id, label: scenario.label, backend, steps, wallMs, stepsPerSecond: steps / (wallMs / 1000), startHeap, early, end, pageKept };
  } finally {
    await page.close();
  }
}

/** The long-run section of docs/BENCHMARKS.md's generated block. */
export function longRunSection(rows) {
  const lines = [
    '### Long run in the app (50,000 steps, default model, speed max)',
    '',
    '| scenario | backend | steps/s (click to finished) | snapshots kept: page / worker (cap, stride) | page JS heap MiB: before / at step | at 50,000 | worker tfjs tensors: at step / at 50,000 |',
    '|---|---|---:|---|---:|---:|---:|',
  ];
  for (const r of rows) {
    const h = r.end.worker?.history;
    const kept = h ? `${int(r.pageKept)} / ${int(h.kept)} (${int(h.cap)}, every ${int(h.stride)})` : `${int(r.pageKept)} / —`;
    const tensors = r.early.worker && r.end.worker ? `${int(r.early.worker.numTensors)} / ${int(r.end.worker.numTensors)}${r.end.worker.tfjsBackend ? '' : ' (no tfjs backend)'}` : '—';
    lines.push(`| ${r.label} | ${r.backend} | ${int(r.stepsPerSecond)} | ${kept} | ${mb(r.startHeap)} / ${mb(r.early.heap)} at ${int(r.early.step)} | ${mb(r.end.heap)} | ${tensors} |`);
  }
  lines.push(
    '',
    `Heap figures are performance.memory.usedJSHeapSize after a forced collection (Chromium runs with --enable-precise-memory-info); "at step" is the first reading at or after step ${int(EARLY_STEP)} while training runs. The worker's numbers come from its lotteryLensWorker hook: its kept snapshots, their stride and cap (settings/limits.ts), and tfjs's live tensor count.`,
  );
  return lines.join('\n');
}

export function logLongRun(r) {
  const w = r.end.worker;
  console.log(
    `  long run ${r.id.padEnd(16)} ${r.backend}: ${int(r.stepsPerSecond)} steps/s, kept ${r.pageKept} (worker ${w?.history?.kept ?? '—'}, stride ${w?.history?.stride ?? '—'}), heap ${mb(r.startHeap)} → ${mb(r.early.heap)} MiB at ${r.early.step} → ${mb(r.end.heap)} MiB, tensors ${r.early.worker?.numTensors ?? '—'} → ${w?.numTensors ?? '—'}`,
  );
}
