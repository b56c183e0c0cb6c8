/**
 * The embed kit as a blog on another site uses it: a page served by a second HTTP server (another
 * origin than the app's) loads only the app's embed.js and puts a <lottery-lens> in its text,
 * then drives it with `send`: getState, play to the end, exportRun, refused commands, and ids.
 */
import AxeBuilder from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ApiEvent } from '../public/embed';
import { expect, test } from './fixtures';

let server: Server;
let articleUrl = '';

/** The article: embed.js from the app's origin, one element, and a log of the element's events. */
const article = (appBase: string) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>A blog on another site</title><link rel="icon" href="data:,">
<script src="${appBase}embed.js" defer></script></head>
<body><main><h1>Lottery tickets, live</h1>
<lottery-lens id="lens" query="?steps=400&seedInit=7&snapshotEvery=50&embed" panel="features" label="The figure of this post" style="width:640px;height:400px"></lottery-lens>
</main>
<script type="module">
  const lens = document.getElementById('lens');
  window.seen = [];
  for (const type of ['ready', 'accepted', 'state', 'progress', 'finished', 'run', 'error']) {
    lens.addEventListener('lens-' + type, (e) => window.seen.push(e.detail));
  }
  // Sent before the app in the frame is ready: the element holds it until then.
  window.early = lens.send({ type: 'getState' });
</script></body></html>`;

test.beforeAll(async ({ baseURL }) => {
  server = createServer((req, res) => {
    if (req.url !== '/article.html') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(article(baseURL!));
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  articleUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/article.html`;
});

test.afterAll(async () => {
  await new Promise((done) => server.close(done));
});

type Seen = { seen: ApiEvent[]; early: Promise<ApiEvent> };

test('a page of another origin drives <lottery-lens> with send: state, play to the end, run file, refusals and ids', async ({ app, baseURL }) => {
  const { page } = app;
  await page.goto(articleUrl);
  const appOrigin = new URL(baseURL!).origin;
  expect(await page.evaluate(() => location.origin)).not.toBe(appOrigin);

  // The frame: the app in embed mode on the query's experiment and the panel asked for, titled.
  const frameElement = page.locator('lottery-lens iframe');
  await expect(frameElement).toHaveAttribute('title', 'The figure of this post');
  const src = new URL((await frameElement.getAttribute('src'))!);
  expect(src.origin).toBe(appOrigin);
  expect([...src.searchParams]).toEqual([
    ['steps', '400'],
    ['seedInit', '7'],
    ['snapshotEvery', '50'],
    ['panel', 'features'],
    ['embed', '1'],
  ]);
  const figure = page.frameLocator('lottery-lens iframe');
  await expect(figure.locator('.embed')).toHaveAttribute('data-panel', 'features');
  expect(await frameElement.boundingBox()).toMatchObject({ width: 640, height: 400 });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id)).toEqual([]);

  // getState, sent before ready: resolves with the state event, which echoes the element's id.
  const state = await page.evaluate(() => (window as unknown as Seen).early);
  expect(state).toMatchObject({ lotteryLens: 1, type: 'state', phase: 'idle', step: 0, settings: { steps: 400, seedInit: 7, snapshotEvery: 50 } });
  expect(typeof (state as { id?: unknown }).id).toBe('string');
  expect(await page.evaluate(() => document.querySelector('lottery-lens')!.ready)).toBe(true);

  // play: resolves when accepted; the run's end comes as lens-finished.
  const played = await page.evaluate(async () => {
    const el = document.querySelector('lottery-lens')!;
    const finished = new Promise<ApiEvent>((done) => el.addEventListener('lens-finished', (e) => done(e.detail), { once: true }));
    const accepted = await el.send({ type: 'play' });
    return { accepted, finished: await finished };
  });
  expect(played.accepted).toMatchObject({ lotteryLens: 1, type: 'accepted', command: 'play', id: expect.any(String) });
  expect(played.finished).toEqual({ lotteryLens: 1, type: 'finished', phase: 'dense' });
  await expect(figure.getByTestId('step')).toHaveText('400');
  const after = await page.evaluate(() => document.querySelector('lottery-lens')!.send({ type: 'getState' }));
  expect(after).toMatchObject({ type: 'state', step: 400, playback: 'finished' });

  // exportRun: resolves with the run event; the file is this run (its config, snapshots every 50 steps to 400).
  const run = await page.evaluate(() => document.querySelector('lottery-lens')!.send({ type: 'exportRun' }));
  const data = run.data as { format: string; config: { steps: number; seeds: { init: number } }; snapshots: { step: number }[] };
  expect(data.format).toBe('lottery-lens/run');
  expect(data.config).toMatchObject({ steps: 400, seeds: { init: 7 } });
  expect(data.snapshots.map((s) => s.step)).toEqual(Array.from({ length: 9 }, (_, i) => i * 50));

  // Refused commands reject with the app's own message; nothing else is settled by them.
  const refusals = await page.evaluate(async () => {
    const el = document.querySelector('lottery-lens')!;
    const outcome = (p: Promise<unknown>) =>
      p.then(
        () => 'resolved',
        (e: Error & { detail?: { id?: unknown } | null }) => ({ name: e.name, message: e.message, id: e.detail?.id }),
      );
    return Promise.all([outcome(el.send({ type: 'play' })), outcome(el.send({ type: 'step', n: 0 })), outcome(el.send({ type: 'pause' }))]);
  });
  expect(refusals[0]).toEqual({ name: 'LensError', message: 'The dense run has finished; send reset to train it again.', id: expect.any(String) });
  expect(refusals[1]).toEqual({ name: 'LensError', message: 'step: n must be a whole number from 1 to 50000.', id: expect.any(String) });
  expect(refusals[2]).toBe('resolved');

  // Ids: a command the article posts itself with its own id is answered with that id, on the element's events;
  // an id that is not valid is refused by name and not echoed.
  const echoed = await page.evaluate(async (origin) => {
    const el = document.querySelector('lottery-lens')!;
    const frame = el.shadowRoot!.querySelector('iframe')!;
    const next = (type: string) => new Promise<ApiEvent>((done) => el.addEventListener(`lens-${type}`, (e) => done((e as CustomEvent<ApiEvent>).detail), { once: true }));
    const state = next('state');
    frame.contentWindow!.postMessage({ lotteryLens: 1, type: 'getState', id: 'article-42' }, origin);
    const error = next('error');
    frame.contentWindow!.postMessage({ lotteryLens: 1, type: 'getState', id: { no: 1 } }, origin);
    return { state: await state, error: await error };
  }, appOrigin);
  expect(echoed.state).toMatchObject({ type: 'state', id: 'article-42', step: 400 });
  expect(echoed.error).toEqual({ lotteryLens: 1, type: 'error', message: 'id: must be a finite number or a string of at most 100 characters (got an object).' });

  // Every id the element sent came back exactly once as the reply that settled it.
  const seen = await page.evaluate(() => (window as unknown as Seen).seen);
  const ids = seen.filter((e) => 'id' in e && String(e.id).startsWith('lens')).map((e) => `${e.type}:${String((e as { id: unknown }).id)}`);
  expect(new Set(ids).size).toBe(ids.length);
  expect(seen.filter((e) => e.type === 'ready')).toHaveLength(1);

  // Only the element's own frame is heard: a look-alike message from the article itself is not an event.
  const heard = await page.evaluate(async () => {
    let count = 0;
    document.querySelector('lottery-lens')!.addEventListener('lens-finished', () => count++);
    window.postMessage({ lotteryLens: 1, type: 'finished', phase: 'lottery' }, '*');
    await new Promise((r) => setTimeout(r, 300));
    return count;
  });
  expect(heard).toBe(0);
});

test('changing panel reloads the figure on that panel; removing the element rejects what it had not been answered', async ({ app }) => {
  const { page } = app;
  await page.goto(articleUrl);
  await expect.poll(() => page.evaluate(() => document.querySelector('lottery-lens')!.ready)).toBe(true);
  const figure = page.frameLocator('lottery-lens iframe');
  await page.evaluate(() => {
    document.querySelector('lottery-lens')!.panel = 'metrics';
  });
  await expect(figure.locator('.embed')).toHaveAttribute('data-panel', 'metrics');
  // The new frame says ready again.
  await expect.poll(() => page.evaluate(() => (window as unknown as Seen).seen.filter((e) => e.type === 'ready').length)).toBe(2);
  expect(await page.evaluate(() => document.querySelector('lottery-lens')!.ready)).toBe(true);
  // getState is posted, and the element leaves the page before the answer comes back.
  const outcome = await page.evaluate(async () => {
    const el = document.querySelector('lottery-lens')!;
    const pending = el.send({ type: 'getState' }).then(
      () => 'resolved',
      (e: Error & { detail?: unknown }) => `${e.name}: ${e.message} (detail ${String(e.detail)})`,
    );
    el.remove();
    return { pending: await pending, frames: el.shadowRoot!.querySelectorAll('iframe').length, ready: el.ready };
  });
  expect(outcome).toEqual({ pending: 'LensError: the <lottery-lens> element was removed from the page (detail null)', frames: 0, ready: false });
});
