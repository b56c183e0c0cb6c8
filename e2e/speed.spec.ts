/**
 * The training speed, one value three ways: the embed API's `speed {stepsPerSecond}`, the URL's
 * `speed` key and the Speed control on screen always agree, and the API's `state` reports it.
 */
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

type LensEvent = { type: string; speed?: number | null; message?: string };

/** Serves a host page on the app's origin whose iframe embeds the figure, recording what it posts. */
async function hostEmbed(page: Page) {
  await page.route('**/host-speed.html', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: `<!doctype html><html lang="en"><head><title>host</title></head><body>
        <iframe id="lens" title="figure" src="./?embed" style="width:640px;height:400px"></iframe>
        <script>window.seen = []; window.addEventListener('message', (e) => { if (e.data && e.data.lotteryLens === 1) window.seen.push(e.data); });</script>
      </body></html>`,
    }),
  );
  await page.goto('./host-speed.html');
  await expect(page.frameLocator('#lens').getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
  const send = (message: object) => page.evaluate((m) => (document.getElementById('lens') as HTMLIFrameElement).contentWindow!.postMessage(m, location.origin), message);
  /** Asks for the state and returns the `state` event that answers it. */
  const state = async () => {
    const before = await page.evaluate(() => (window as unknown as { seen: LensEvent[] }).seen.length);
    await send({ lotteryLens: 1, type: 'getState' });
    await expect.poll(() => page.evaluate((n) => (window as unknown as { seen: LensEvent[] }).seen.slice(n).some((e) => e.type === 'state'), before)).toBe(true);
    return page.evaluate((n) => (window as unknown as { seen: LensEvent[] }).seen.slice(n).find((e) => e.type === 'state')!, before);
  };
  return { send, state, frame: page.frame({ url: /embed/ })! };
}

test('an embedding page sets the speed with speed {stepsPerSecond}; state reports it, the frame’s URL and control follow; null is max', async ({ app }) => {
  const { page } = app;
  const { send, state, frame } = await hostEmbed(page);
  expect((await state()).speed).toBe(1000);
  await send({ lotteryLens: 1, type: 'speed', stepsPerSecond: 200 });
  expect((await state()).speed).toBe(200);
  await expect.poll(() => new URL(frame.url()).searchParams.get('speed')).toBe('200');
  await send({ lotteryLens: 1, type: 'speed', stepsPerSecond: null });
  expect((await state()).speed).toBeNull();
  await expect.poll(() => new URL(frame.url()).searchParams.get('speed')).toBe('max');
  // A bad speed is refused with a message, and the speed stays.
  await send({ lotteryLens: 1, type: 'speed', stepsPerSecond: 0 });
  await expect
    .poll(() => page.evaluate(() => (window as unknown as { seen: LensEvent[] }).seen.filter((e) => e.type === 'error').map((e) => e.message)))
    .toEqual(['speed: stepsPerSecond must be null (as fast as it goes) or a number from 1 to 100000.']);
  expect((await state()).speed).toBeNull();
});

test('the URL’s speed sets the Speed control; the control and the API write it back; a bad one is noted and nothing else is lost', async ({ app }) => {
  const { page } = app;
  await page.goto('./?speed=250&m=20');
  await app.ready();
  const control = page.getByRole('combobox', { name: 'Speed', exact: true });
  await expect(control).toHaveValue('250');
  await expect(control.locator('option:checked')).toHaveText('250 steps/s');
  await control.selectOption('null');
  await expect.poll(() => new URL(page.url()).searchParams.get('speed')).toBe('max');
  await page.evaluate(() => (window as unknown as { lotteryLens: { send(m: unknown): void } }).lotteryLens.send({ lotteryLens: 1, type: 'speed', stepsPerSecond: 40 }));
  await expect(control).toHaveValue('40');
  await expect.poll(() => new URL(page.url()).searchParams.get('speed')).toBe('40');
  await control.selectOption('1000');
  await expect.poll(() => new URL(page.url()).searchParams.has('speed')).toBe(false);

  await page.goto('./?speed=fast&m=20');
  await app.ready();
  await expect(page.getByRole('status').filter({ hasText: 'Some link parameters were ignored' })).toContainText(
    'speed: Must be max (as fast as it goes) or a number of steps per second from 1 to 100,000.',
  );
  await expect(control).toHaveValue('1000');
  await app.openSettings();
  await expect(page.getByLabel('Hidden rows m')).toHaveValue('20');
});
