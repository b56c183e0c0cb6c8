/**
 * Times a lab in the app (the lottery lab's IMP sweep, the probe comparison): train the
 * default dense run at max speed, click the lab's Run button with its default settings, and
 * time until its status says "Done", recording main-thread frame intervals meanwhile.
 *   - lottery:    "Run lottery" (IMP through 50/70/80/90%, rewind 0, one seed; ticket + 2 controls)
 *   - comparison: "Run comparison" (9 methods x 4 sparsities x 5 seeds)
 */
const LABS = {
  lottery: { button: 'Run lottery', status: 'lottery-phase', count: /(\d+) networks/ },
  comparison: { button: 'Run comparison', status: 'comparison-phase', count: /(\d+) masks/ },
};

/** `query`: URL keys for the app (e.g. `?workers=2`). */
export async function measureLab(context, baseUrl, which, query = '') {
  const lab = LABS[which];
  const page = await context.newPage();
  try {
    await page.goto(new URL(`./${query}`, baseUrl).toString());
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await page.getByLabel('Speed').selectOption({ label: 'max' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.locator('output[aria-label="Training status"]').filter({ hasText: 'finished' }).waitFor({ timeout: 120_000 });
    const backend = await page.getByTestId('backend').getAttribute('data-backend');
    await page.evaluate(() => {
      const s = (window.__lab = { frames: [], done: false });
      let last = performance.now();
      const tick = (now) => {
        s.frames.push(now - last);
        last = now;
        if (!s.done) requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    const t0 = Date.now();
    await page.getByRole('button', { name: lab.button }).click();
    const status = page.getByTestId(lab.status);
    await status.filter({ hasText: 'Done' }).waitFor({ timeout: 600_000 });
    const wallMs = Date.now() - t0;
    const frames = await page.evaluate(() => ((window.__lab.done = true), window.__lab.frames.slice(1)));
    const count = Number((await status.textContent()).match(lab.count)?.[1] ?? NaN);
    const verdicts = which === 'comparison' ? await page.getByTestId('verdicts').locator('li').allTextContents() : [];
    const sorted = [...frames].sort((a, b) => a - b);
    const q = (p) => sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? NaN;
    return { query, backend, wallMs, count, steps: 3000, frames: frames.length, p50: q(0.5), p95: q(0.95), max: sorted.at(-1) ?? NaN, verdicts };
  } finally {
    await page.close();
  }
}
