/**
 * Wall time of the default probe comparison in the app (SPEC 6; issue part 4): after the dense
 * run, "Run comparison" with the defaults (9 methods x 4 sparsities x 5 seeds, each mask
 * retrained for the full 3,000 steps), timed from the click to "Done", with main-thread frame
 * intervals recorded meanwhile.
 */
export async function measureComparison(context, baseUrl) {
  const page = await context.newPage();
  try {
    await page.goto(new URL('./', baseUrl).toString());
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await page.getByLabel('Speed').selectOption({ label: 'max' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.locator('output[aria-label="Training status"]').filter({ hasText: 'finished' }).waitFor({ timeout: 120_000 });
    const backend = await page.getByTestId('backend').getAttribute('data-backend');
    await page.evaluate(() => {
      const s = (window.__cmp = { frames: [], done: false });
      let last = performance.now();
      const tick = (now) => {
        s.frames.push(now - last);
        last = now;
        if (!s.done) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const t0 = Date.now();
    await page.getByRole('button', { name: 'Run comparison' }).click();
    const phase = page.getByTestId('comparison-phase');
    await phase.filter({ hasText: 'Done' }).waitFor({ timeout: 600_000 });
    const wallMs = Date.now() - t0;
    const frames = await page.evaluate(() => ((window.__cmp.done = true), window.__cmp.frames.slice(1)));
    const masks = Number((await phase.textContent()).match(/(\d+) masks/)?.[1] ?? NaN);
    const verdicts = await page.getByTestId('verdicts').locator('li').allTextContents();
    const sorted = [...frames].sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
    return { backend, wallMs, masks, frames: frames.length, p50: q(0.5), p95: q(0.95), max: sorted.at(-1) ?? NaN, verdicts };
  } finally {
    await page.close();
  }
}
