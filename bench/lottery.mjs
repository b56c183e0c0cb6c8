/**
 * Wall time of a full IMP sweep of the default config in the app (SPEC 5; issue part 3): train
 * the dense run at max speed, then "Run lottery" with the lab's defaults (IMP through 50, 70,
 * 80 and 90% sparsity, rewind to step 0, one seed): every round retrains the ticket and its two
 * controls together. Also records main-thread frame intervals while the sweep runs.
 */
export async function measureImpSweep(context, baseUrl) {
  const page = await context.newPage();
  try {
    await page.goto(new URL('./', baseUrl).toString());
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await page.getByLabel('Speed').selectOption({ label: 'max' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.locator('output[aria-label="Training status"]').filter({ hasText: 'finished' }).waitFor({ timeout: 120_000 });
    const backend = await page.getByTestId('backend').getAttribute('data-backend');
    await page.evaluate(() => {
      const s = (window.__sweep = { frames: [], done: false });
      let last = performance.now();
      const tick = (now) => {
        s.frames.push(now - last);
        last = now;
        if (!s.done) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run lottery' }).click();
    const phase = page.getByTestId('lottery-phase');
    await phase.filter({ hasText: 'Done' }).waitFor({ timeout: 600_000 });
    const wallMs = Date.now() - t0;
    const frames = await page.evaluate(() => ((window.__sweep.done = true), window.__sweep.frames.slice(1)));
    const networks = Number((await phase.textContent()).match(/(\d+) networks/)?.[1] ?? NaN);
    const sorted = [...frames].sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
    return { backend, wallMs, networks, steps: 3000, frames: frames.length, p50: q(0.5), p95: q(0.95), max: sorted.at(-1) ?? NaN };
  } finally {
    await page.close();
  }
}
