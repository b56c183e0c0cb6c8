/**
 * The labs' pool of workers in the app (src/worker/pool/): the default probe comparison (9
 * methods x 4 sparsities x 5 seeds, after the default dense run) timed with `?workers=1` (in
 * one piece, in the training worker) and `?workers=2` (split by seed over two pool workers), and
 * the speed-up; then how fast Cancel stops a pooled comparison: from the click to the page
 * saying "Cancelled" (timed in the page; the training worker says so after terminating every
 * pool worker), and to the last pool worker's close as Playwright sees it (CDP's report of the
 * terminated thread, with Playwright's round trips: an upper bound).
 */
import os from 'node:os';
import { measureLab } from './lab.mjs';

const POOL_WORKERS = [1, 2];
const CANCEL_AFTER_MS = 5000;

async function measureCancel(context, baseUrl, workers) {
  const page = await context.newPage();
  let open = 0;
  let lastClose = 0;
  page.on('worker', (w) => {
    if (!w.url().includes('pool.worker')) return;
    open++;
    w.on('close', () => {
      open--;
      lastClose = Date.now();
    });
  });
  try {
    await page.goto(new URL(`./?workers=${workers}`, baseUrl).toString());
    await page.getByRole('button', { name: 'Play', exact: true }).waitFor();
    await page.getByLabel('Speed').selectOption({ label: 'max' });
    await page.getByRole('button', { name: 'Play', exact: true }).click();
    await page.locator('output[aria-label="Training status"]').filter({ hasText: 'finished' }).waitFor({ timeout: 120_000 });
    await page.getByRole('button', { name: 'Run comparison' }).click();
    await page.waitForTimeout(CANCEL_AFTER_MS);
    const running = open;
    const t0 = Date.now();
    // Clicked and timed inside the page: from the click to the worker's done event on screen
    // (the training worker posts it after terminating every pool worker).
    const shownMs = await page.evaluate(
      () =>
        new Promise((resolve) => {
          const phase = document.querySelector('[data-testid=comparison-phase]');
          const start = performance.now();
          new MutationObserver((_, obs) => {
            if (!phase.textContent.includes('Cancelled')) return;
            obs.disconnect();
            resolve(Math.round(performance.now() - start));
          }).observe(phase, { childList: true, characterData: true, subtree: true });
          [...document.querySelectorAll('button')].find((b) => b.textContent === 'Cancel comparison').click();
        }),
    );
    while (open > 0 && Date.now() - t0 < 10_000) await new Promise((r) => setTimeout(r, 5));
    return { workers, running, shownMs, closedMs: open === 0 && running > 0 ? lastClose - t0 : NaN, left: open };
  } finally {
    await page.close();
  }
}

export async function measurePool(context, baseUrl) {
  const loadBefore = os.loadavg()[0];
  const runs = [];
  for (const workers of POOL_WORKERS) {
    const r = await measureLab(context, baseUrl, 'comparison', `?workers=${workers}`);
    console.log(`  comparison on ${workers} worker(s): ${(r.wallMs / 1000).toFixed(2)} s for ${r.count} masks on ${r.backend}; rAF p95 ${r.p95.toFixed(1)} ms`);
    runs.push({ workers, ...r });
  }
  const cancel = await measureCancel(context, baseUrl, 2);
  console.log(
    `  cancel on 2 workers: page says so after ${cancel.shownMs} ms (in-page), last pool worker closed after ${cancel.closedMs} ms (Playwright) (${cancel.running} were running, ${cancel.left} left)`,
  );
  return { runs, cancel, cores: os.cpus().length, load: [loadBefore, os.loadavg()[0]] };
}

export function poolSection(pool) {
  const [one, two] = pool.runs;
  const c = pool.cancel;
  return [
    '### Default probe comparison on a pool of workers',
    '',
    `On ${pool.cores} cores, with a 1-minute load average of ${pool.load[0].toFixed(1)} before and ${pool.load[1].toFixed(1)} after (the machine may be shared: the times are only as quiet as it was).`,
    '',
    `The default comparison (9 methods x 4 sparsities x 5 seeds, after the default dense run) with the \`workers\` setting at 1 (in one piece in the training worker) and 2 (one part per seed, on two pool workers): ${pool.runs.map((r) => `**${(r.wallMs / 1000).toFixed(1)} s** on ${r.workers} worker${r.workers > 1 ? 's' : ''} (${r.count} masks, ${r.backend}; main-thread frames p95 ${r.p95.toFixed(1)} ms)`).join(', ')}: a speed-up of **${(one.wallMs / two.wallMs).toFixed(2)}x**. The verdicts are the same with both (the results are bit-identical: src/engine/labs/labParts.test.ts, e2e/pool.spec.ts): ${JSON.stringify(one.verdicts) === JSON.stringify(two.verdicts) ? 'yes' : 'NO'}.`,
    '',
    `Cancel, ${CANCEL_AFTER_MS / 1000} s into the comparison on 2 workers (${c.running} pool workers running): the page said "Cancelled" ${c.shownMs} ms after the click (timed in the page; the training worker says so after terminating every pool worker), and Playwright saw the last pool worker close ${Number.isFinite(c.closedMs) ? `${c.closedMs} ms` : 'not yet'} after it asked for the click (with its own round trips).`,
  ].join('\n');
}
