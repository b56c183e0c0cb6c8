/**
 * Per-backend training speed, measured in the diagnostics page's worker: first-step latency and
 * steady steps/s (timed repeats sized to about `targetMs` each from the warm-up rate, so slow
 * backends such as webgl on SwiftShader get fewer steps and the bench keeps its time budget).
 * The backend list comes from the page (BACKENDS minus auto), so a new backend is measured as
 * soon as the app offers it.
 */

/** Opens diagnostics.html and waits for `window.lotteryDiagnostics`. */
export async function openDiagnostics(context, baseUrl) {
  const page = await context.newPage();
  page.on('pageerror', (e) => console.error(`  [diagnostics page error] ${e.message}`));
  await page.goto(`${baseUrl}diagnostics.html`);
  await page.waitForFunction(() => Boolean(window.lotteryDiagnostics), null, { timeout: 30_000 });
  return page;
}

export async function diagnosticsInfo(page) {
  return page.evaluate(async () => {
    const d = window.lotteryDiagnostics;
    return { backends: [...d.backends], defaults: d.defaults, probe: await d.probe() };
  });
}

/** Measures every backend on one config; a backend that fails is reported, not skipped. */
export async function measureConfig(page, backends, config, plan) {
  const rows = [];
  for (const backend of backends) {
    const request = { backend, settings: config.settings, steps: 1_000_000, repeats: plan.repeats, targetMs: plan.targetMs, warmupMs: plan.warmupMs };
    const t0 = Date.now();
    try {
      const r = await page.evaluate((req) => window.lotteryDiagnostics.speed(req), request);
      rows.push({ requested: backend, ...r });
      const range = `${Math.round(Math.min(...r.stepsPerSecond))}-${Math.round(Math.max(...r.stepsPerSecond))}`;
      console.log(
        `  ${config.id} ${backend.padEnd(10)} first ${r.firstStepMs.toFixed(0).padStart(5)} ms  median ${Math.round(r.median).toString().padStart(6)} steps/s  (${range}, ${r.stepsPerRepeat} steps/repeat, ${((Date.now() - t0) / 1000).toFixed(1)} s)`,
      );
    } catch (e) {
      const message = String(e.message ?? e)
        .split('\n')[0]
        .replace(/^page\.evaluate: (Error: )?/, '');
      rows.push({ requested: backend, error: message });
      console.log(`  ${config.id} ${backend.padEnd(10)} failed: ${message}`);
    }
  }
  return rows;
}
