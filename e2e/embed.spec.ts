/**
 * The embed (?embed) and its postMessage API: it fits a 640x400 frame and a 320 px one without
 * page scrollbars, pauses when hidden or scrolled away and resumes after, answers the API from
 * its parent only, and the example article drives it as the reader scrolls.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Frame, Page } from '@playwright/test';
import { expect, test } from './fixtures';

async function pageScrollbars(page: Page | Frame) {
  return page.evaluate(() => {
    const el = document.scrollingElement!;
    return { vertical: el.scrollHeight > el.clientHeight, horizontal: el.scrollWidth > el.clientWidth };
  });
}

/** The embed has no backend badge: it is ready when Play is usable. */
async function embedReady(page: Page | Frame) {
  await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
}

async function embedStep(frame: Page | Frame): Promise<number> {
  return Number(await frame.getByTestId('step').textContent());
}

/** Serves a host page at `path` on the app's origin (so the iframe's parent is a real page). */
async function host(page: Page, path: string, body: string) {
  await page.route(`**/${path}`, (route) => route.fulfill({ contentType: 'text/html', body: `<!doctype html><html lang="en"><head><title>host</title></head><body>${body}</body></html>` }));
  await page.goto(`./${path}`);
}

test('the embed fits 640x400 and 320x400 frames without page scrollbars, and passes axe', async ({ app }) => {
  const { page } = app;
  for (const [width, height] of [
    [640, 400],
    [320, 400],
  ]) {
    await page.setViewportSize({ width, height });
    await page.goto('./?embed&panel=features');
    await embedReady(page);
    await page.getByRole('button', { name: 'Step 10', exact: true }).click();
    await expect(page.getByTestId('step')).toHaveText('10');
    expect(await pageScrollbars(page), `${width}x${height}`).toEqual({ vertical: false, horizontal: false });
    // The figure itself is drawn inside the frame, not cut off.
    const box = await page.getByTestId('feature-space').boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(height + 0.5);
    expect(box!.x + box!.width).toBeLessThanOrEqual(width + 0.5);
  }
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);
});

test('the embed pauses while the tab is hidden and resumes when it is back', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 640, height: 400 });
  await page.goto('./?embed&steps=50000&snapshotEvery=50');
  await embedReady(page);
  await page.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(() => embedStep(page)).toBeGreaterThan(100);
  const setHidden = (hidden: boolean) =>
    page.evaluate((h) => {
      Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => (h ? 'hidden' : 'visible') });
      document.dispatchEvent(new Event('visibilitychange'));
    }, hidden);
  await setHidden(true);
  await expect(page.locator('.embed-status')).toContainText('paused off screen');
  await expect(page.locator('.embed-status')).not.toContainText('running');
  const held = await embedStep(page);
  await page.waitForTimeout(1000);
  expect(await embedStep(page), 'no training while hidden').toBe(held);
  await setHidden(false);
  await expect(page.locator('.embed-status')).toContainText('running');
  await expect.poll(() => embedStep(page)).toBeGreaterThan(held);
});

test('an embedded figure scrolled out of the article pauses, and resumes when scrolled back', async ({ app }) => {
  const { page } = app;
  await host(page, 'host-scroll.html', '<iframe title="figure" src="./?embed&steps=50000&snapshotEvery=50" style="width:640px;height:400px"></iframe><div style="height:3000px"></div>');
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  await frame.getByRole('button', { name: 'Play', exact: true }).click();
  await expect(frame.locator('.embed-status')).toContainText('running');
  await page.evaluate(() => window.scrollTo(0, 2500));
  await expect(frame.locator('.embed-status')).toContainText('paused off screen');
  await page.evaluate(() => window.scrollTo(0, 0));
  await expect(frame.locator('.embed-status')).toContainText('running');
});

test('window.lotteryLens answers getState, refuses bad commands, and ignores messages not from the parent', async ({ app }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  const result = await page.evaluate(async () => {
    const lens = (window as unknown as { lotteryLens: { send(m: unknown): void; on(t: string, h: (e: unknown) => void): () => void } }).lotteryLens;
    const seen: { type: string; [k: string]: unknown }[] = [];
    lens.on('*', (e) => seen.push(e as { type: string }));
    lens.send({ lotteryLens: 1, type: 'getState' });
    lens.send({ lotteryLens: 1, type: 'step', n: -3 });
    lens.send({ lotteryLens: 1, type: 'launchMissiles' });
    lens.send({ lotteryLens: 2, type: 'play' });
    lens.send({ hello: 'not ours' });
    // The app's own window is not its embedding parent: a posted command is refused.
    window.postMessage({ lotteryLens: 1, type: 'play' }, '*');
    await new Promise((r) => setTimeout(r, 500));
    return seen;
  });
  expect(result[0]).toMatchObject({ lotteryLens: 1, type: 'state', phase: 'idle', step: 0, settings: { n: 24, K: 12, m: 16 } });
  expect((result[0] as unknown as { methods: string[] }).methods).toContain('distance');
  const errors = result.filter((e) => e.type === 'error');
  expect(errors).toHaveLength(4);
  expect(String(errors[3].message)).toMatch(/Ignored/);
  await page.waitForTimeout(300);
  expect(await app.step(), 'nothing ran').toBe(0);
});

test('a command from a window other than the embedding parent is answered with error and nothing runs', async ({ app }) => {
  const { page } = app;
  await host(
    page,
    'host-intruder.html',
    `<iframe id="lens" title="figure" src="./?embed" style="width:640px;height:400px"></iframe>
     <iframe id="intruder" title="intruder" srcdoc="<script>window.addEventListener('message', (e) => { parent.intruderSaw = e.data; });</script>"></iframe>`,
  );
  const lens = page.frameLocator('#lens');
  await expect(lens.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  // The intruder frame (a sibling, not the parent) posts a valid command to the embed.
  await page.evaluate(() => {
    const frames = document.querySelectorAll('iframe');
    const intruderDoc = (frames[1] as HTMLIFrameElement).contentDocument!;
    const script = intruderDoc.createElement('script');
    script.textContent = "parent.document.getElementById('lens').contentWindow.postMessage({ lotteryLens: 1, type: 'play' }, '*');";
    intruderDoc.body.appendChild(script);
  });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { intruderSaw?: { type: string; message: string } }).intruderSaw))
    .toMatchObject({
      lotteryLens: 1,
      type: 'error',
      message: expect.stringMatching(/only from the page that embeds it/),
    });
  await page.waitForTimeout(500);
  expect(Number(await lens.getByTestId('step').textContent()), 'nothing ran').toBe(0);
});

test('the example article drives the embedded figure as the reader scrolls', async ({ app }) => {
  const { page } = app;
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('./examples/blog-post.html');
  const figure = page.frameLocator('#lens iframe');
  await expect(page.locator('#status')).toHaveText('Ready.');
  const sections = page.locator('.steps section');
  const show = async (i: number) => {
    await sections.nth(i).scrollIntoViewIfNeeded();
    await sections.nth(i).evaluate((el) => el.scrollIntoView({ block: 'center' }));
    await expect(sections.nth(i)).toHaveClass(/active/);
  };
  // 1: step 0. 2: trained to step 200 and showing it. 3: trained to the end.
  await show(1);
  await expect(figure.getByTestId('step')).toHaveText('200');
  await expect(figure.getByTestId('feature-space')).toHaveAttribute('data-step', '200');
  await show(0);
  await expect(figure.getByTestId('view-step')).toHaveText('0');
  await expect(figure.getByTestId('feature-space')).toHaveAttribute('data-step', '0');
  await show(2);
  await expect(figure.locator('.embed-status')).toContainText('finished');
  await expect(figure.getByTestId('step')).toHaveText('3000');
  await expect(page.locator('#status')).toContainText('Training finished');
  // 4: the lottery panel, with the 80% ticket retrained.
  await show(3);
  await expect(figure.locator('.embed')).toHaveAttribute('data-panel', 'lottery');
  await expect(page.locator('#status')).toContainText('The lottery run finished', { timeout: 90_000 });
  await expect(figure.getByTestId('lottery-phase')).toContainText('Done');
  // 5: the comparison panel, three methods at 80%.
  await show(4);
  await expect(figure.locator('.embed')).toHaveAttribute('data-panel', 'comparison');
  await expect(page.locator('#status')).toContainText('The comparison finished', { timeout: 90_000 });
  await expect(figure.getByRole('table').first()).toContainText('distance');
});
