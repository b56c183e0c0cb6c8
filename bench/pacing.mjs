/**
 * What a user feels in the real app while it trains: requestAnimationFrame intervals and long
 * main-thread tasks over a fixed window (training runs in the worker, so the main thread should
 * stay smooth), and the wall time of the full default run including its snapshots and test-set
 * evaluation. Everything is driven through the UI as a user would.
 */

/** Opens the app at `query` and waits until the worker has configured (the backend badge). */
async function openApp(context, baseUrl, query) {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  [app page error] ${e.message}`));
  await page.goto(`${baseUrl}index.html${query}`);
  const badge = page.locator('[data-testid=backend][data-backend]');
  await badge.waitFor({ timeout: 60_000 });
  return { page, backend: await badge.getAttribute('data-backend') };
}

async function playAtMax(page) {
  await page.getByLabel('Speed').selectOption({ label: 'max' });
  await page.getByRole('button', { name: 'Play', exact: true }).click();
}

/** In the page: rAF intervals, long tasks and steps trained, for `windowMs`. */
function recordWindow(windowMs) {
  return new Promise((resolve) => {
    const longTasks = [];
    const observer = new PerformanceObserver((list) => list.getEntries().forEach((e) => longTasks.push(e.duration)));
    observer.observe({ type: 'longtask' });
    const stepNow = () => Number(document.querySelector('[data-testid=step]')?.textContent ?? NaN);
    const intervals = [];
    const step0 = stepNow();
    const t0 = performance.now();
    let last = null;
    const frame = (t) => {
      if (last !== null) intervals.push(t - last);
      last = t;
      if (t - t0 < windowMs) return requestAnimationFrame(frame);
      observer.disconnect();
      const status = document.querySelector('output[aria-label="Training status"]')?.textContent ?? '';
      resolve({ intervals, longTasks, elapsedMs: performance.now() - t0, steps: stepNow() - step0, status });
    };
    requestAnimationFrame(frame);
  });
}

function quantile(sorted, q) {
  return sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
}

export async function measurePacing(context, baseUrl, scenario, windowMs) {
  const { page, backend } = await openApp(context, baseUrl, scenario.query);
  try {
    if (scenario.play) {
      await playAtMax(page);
      await page.waitForTimeout(500); // let the run get going before the window opens
    }
    const w = await page.evaluate(recordWindow, windowMs);
    const sorted = [...w.intervals].sort((a, b) => a - b);
    const long = w.longTasks.filter((d) => d > 50);
    return {
      id: scenario.id,
      label: scenario.label,
      backend: scenario.play ? backend : null,
      frames: w.intervals.length,
      p50: quantile(sorted, 0.5),
      p95: quantile(sorted, 0.95),
      max: sorted.at(-1) ?? NaN,
      longTaskCount: long.length,
      longTaskMs: long.reduce((a, b) => a + b, 0),
      stepsPerSecond: scenario.play ? w.steps / (w.elapsedMs / 1000) : null,
      stillRunning: scenario.play ? w.status.includes('running') : null,
    };
  } finally {
    await page.close();
  }
}

/** Default settings, speed max, Play until "finished": click-to-finished time in the page. */
export async function measureFullRun(context, baseUrl) {
  const { page, backend } = await openApp(context, baseUrl, '');
  try {
    await page.getByLabel('Speed').selectOption({ label: 'max' });
    await page.evaluate(() => {
      const mark = (window.__benchRun = { start: null, end: null });
      const out = document.querySelector('output[aria-label="Training status"]');
      document.addEventListener(
        'click',
        (e) => {
          if (mark.start === null && e.target.closest?.('button')?.textContent?.trim() === 'Play') mark.start = performance.now();
        },
        true,
      );
      new MutationObserver(() => {
        if (mark.end === null && out.textContent.includes('finished')) mark.end = performance.now();
      }).observe(out, { subtree: true, childList: true, characterData: true });
    });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.waitForFunction(() => window.__benchRun.end !== null, null, { timeout: 600_000, polling: 50 });
    const { start, end } = await page.evaluate(() => window.__benchRun);
    const steps = Number(await page.locator('[data-testid=step]').textContent());
    return { backend, steps, wallMs: end - start };
  } finally {
    await page.close();
  }
}
