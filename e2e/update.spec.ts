/**
 * A new deploy is announced, never served stale in silence: the app is served from a sub-path
 * by a tiny static server (as in deploy.spec.ts), visited once, then the host gets a new
 * deploy (a different service worker script). The next visit finds it waiting and says so in
 * an accessible prompt; Reload hands the page to the new version.
 * Service workers are allowed in playwright.config.ts.
 * Needs a fresh `vite build`.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import { expect, test } from './fixtures';

const DIST = resolve('dist');
const SUB = '/teaching/lottery-lens/';
const MIME: Record<string, string> = {
  '.html': 'text/html',
  '.js': 'text/javascript',
  '.css': 'text/css',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
};
/** Which deploy the host serves: deploy 2 changes only the service worker's bytes. */
let deploy = 1;
let origin = '';
let server: Server;

test.beforeAll(async () => {
  expect(existsSync(join(DIST, 'sw.js')), 'dist/ is built with its service worker (run `npx vite build` first)').toBe(true);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const file = resolve(DIST, `.${path.slice(SUB.length - 1)}${path.endsWith('/') ? 'index.html' : ''}`);
    if (!path.startsWith(SUB) || !file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) {
      res.writeHead(404).end();
      return;
    }
    let body: Buffer | string = readFileSync(file);
    if (path === `${SUB}sw.js`) body = `${body}\n// deploy ${deploy}\n`;
    res.writeHead(200, { 'content-type': MIME[extname(file)] ?? 'application/octet-stream' }).end(body);
  });
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((done) => server?.close(done));
});

test('a new deploy shows "A new version is available" with a Reload button that switches to it', async ({ app }) => {
  const { page } = app;
  await page.goto(`${origin}${SUB}`);
  await app.ready();
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope, 'the service worker is scoped to the app folder').toBe(`${origin}${SUB}`);
  await page.reload();
  await app.ready();
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);

  deploy = 2;
  await page.reload();
  await app.ready();
  const prompt = page.getByRole('status', { name: 'Update' });
  await expect(prompt).toContainText('A new version is available — reload');
  const waiting = await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.waiting?.state);
  expect(waiting, 'the new version waits for the reader').toBe('installed');
  const axe = await new AxeBuilder({ page }).include('[data-testid="update-prompt"]').analyze();
  expect(axe.violations.map((v) => `${v.id} (${v.impact})`)).toEqual([]);

  // From the keyboard: Reload is a real button.
  await prompt.getByRole('button', { name: 'Reload' }).focus();
  const reloaded = page.waitForEvent('load');
  await page.keyboard.press('Enter');
  await reloaded;
  await app.ready();
  await expect(page.getByTestId('update-prompt')).toHaveCount(0);
  // The waiting worker took over: none waits any more, and the page is under the active one.
  const after = await page.evaluate(async () => {
    const registration = await navigator.serviceWorker.getRegistration();
    return { waiting: registration?.waiting ?? null, active: registration?.active?.state, controlled: navigator.serviceWorker.controller !== null };
  });
  expect(after).toEqual({ waiting: null, active: 'activated', controlled: true });
});
