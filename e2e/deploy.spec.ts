/**
 * The built site is a folder of static files that runs from any host and any sub-path, with
 * no request leaving that host: no CDN, no web font, no analytics. A tiny static server (started
 * here, on a free port the system picks, so parallel checkouts never collide) serves dist/ under
 * a deep sub-path, as a university web folder or a GitHub Pages project site would; the test
 * trains a run to the end and records every request.
 * Needs a fresh `vite build` (npm run test:e2e builds first).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve, sep } from 'node:path';
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';

const DIST = resolve('dist');
const SUB = '/courses/ml-101/lottery-lens/';
/** Set once the server listens: http://127.0.0.1:<port>. */
let ORIGIN = '';

/** What a plain static host sends for each kind of file the build makes. */
const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.json': 'application/json',
  '.png': 'image/png',
  '.webmanifest': 'application/manifest+json',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

/** Every request the server saw, and the MIME type it answered with (or the status). */
const served: { path: string; answer: string }[] = [];
let server: Server;

test.beforeAll(async () => {
  expect(existsSync(join(DIST, 'index.html')), 'dist/ is built (run `npx vite build` first)').toBe(true);
  server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://localhost').pathname);
    const answer = (status: number, type: string, body: Buffer | string) => {
      served.push({ path, answer: status === 200 ? type.split(';')[0] : String(status) });
      res.writeHead(status, { 'content-type': type });
      res.end(body);
    };
    if (!path.startsWith(SUB)) return answer(404, 'text/plain', 'not under the sub-path');
    const file = resolve(DIST, `.${path.slice(SUB.length - 1)}${path.endsWith('/') ? 'index.html' : ''}`);
    if (!file.startsWith(DIST + sep) || !existsSync(file) || !statSync(file).isFile()) return answer(404, 'text/plain', 'no such file');
    answer(200, MIME[extname(file)] ?? 'application/octet-stream', readFileSync(file));
  });
  await new Promise<void>((done, fail) => server.once('error', fail).listen(0, '127.0.0.1', done));
  ORIGIN = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

test.afterAll(async () => {
  await new Promise((done) => server?.close(done));
});

/** Records every request the page and its workers make, and refuses any that leaves the site. */
async function recordRequests(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('request', (r) => seen.push(r.url()));
  await page.context().route('**/*', (route) => {
    const url = route.request().url();
    seen.push(url);
    return url.startsWith(`${ORIGIN}${SUB}`) ? route.continue() : route.abort('blockedbyclient');
  });
  return seen;
}

const network = (urls: string[]) => [...new Set(urls.filter((u) => !/^(data|blob):/.test(u)))];

test('served from a sub-path, the app trains to the end and requests nothing outside it', async ({ app }) => {
  const { page } = app;
  const seen = await recordRequests(page);
  await page.goto(`${ORIGIN}${SUB}`);
  await app.trainToEnd();
  expect(await app.step()).toBe(3000);
  await expect(page.getByTestId('feature-space')).toHaveAttribute('data-step', '3000');

  const urls = network(seen);
  expect(
    urls.filter((u) => !u.startsWith(`${ORIGIN}${SUB}`)),
    'requests outside the sub-path',
  ).toEqual([]);
  // Every request reached a real file under the sub-path (a 200 is logged as its MIME type).
  expect(
    served.filter((s) => !s.path.startsWith(SUB) || !s.answer.includes('/')),
    'requests the server could not answer',
  ).toEqual([]);
  const kinds = served.map((s) => `${s.path.replace(/-[\w-]{8}\./, '.')} ${s.answer}`);
  expect(kinds).toEqual(expect.arrayContaining([`${SUB} text/html`, `${SUB}assets/main.js text/javascript`, `${SUB}assets/training.worker.js text/javascript`]));
  expect(
    kinds.some((k) => k.endsWith('text/css')),
    'a stylesheet',
  ).toBe(true);
});

test('the tfjs wasm backend fetches its .wasm from the sub-path too', async ({ app }) => {
  const { page } = app;
  const seen = await recordRequests(page);
  const before = served.length;
  await page.goto(`${ORIGIN}${SUB}?backend=wasm`);
  await app.ready();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByRole('button', { name: 'Step 100', exact: true }).click();
  await expect.poll(() => app.step()).toBe(100);
  expect(network(seen).filter((u) => !u.startsWith(`${ORIGIN}${SUB}`))).toEqual([]);
  const wasm = served.slice(before).filter((s) => s.path.endsWith('.wasm'));
  expect(wasm.length, 'a .wasm file was fetched').toBeGreaterThan(0);
  for (const s of wasm) {
    expect(s.path.startsWith(`${SUB}assets/`)).toBe(true);
    expect(s.answer).toBe('application/wasm');
  }
});

/**
 * Hosts that appear in the built files only as text that is never fetched: XML namespace names,
 * licence headers, links inside library error messages and comments, and JSON-schema ids. A
 * new host here (a CDN, a font service) fails the test until someone looks at it.
 */
const NEVER_FETCHED = new Set([
  'www.w3.org', // SVG, XLink, XHTML, MathML and XML namespace names (identifiers, not requests)
  'www.apache.org', // licence headers of tfjs
  'github.com', // links in tfjs and @cfworker error messages
  'react.dev', // React's minified-error links
  'emscripten.org', // a link in an emscripten warning of tfjs-backend-wasm
  'arxiv.org', // a citation in a tfjs comment (SELU)
  'www.shadertoy.com', // a citation in a tfjs WebGL shader comment
  'json-schema.org', // the run file schema's $schema identifier
  'lottery-lens.invalid', // the run file schema's $id (.invalid never resolves)
  'bit.ly', // a link in a Workbox warning of the service worker (precaching without revisions)
]);

test('no file in dist names another host, except as never-fetched text', () => {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else files.push(path);
    }
  };
  walk(DIST);
  const hosts = new Map<string, string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'latin1').matchAll(/https?:\/\/([a-z0-9.-]+)/gi)) hosts.set(m[1].toLowerCase(), file.slice(DIST.length + 1));
  }
  const unexpected = [...hosts].filter(([host]) => !NEVER_FETCHED.has(host));
  expect(unexpected, 'hosts named in dist/ (host, a file naming it)').toEqual([]);
  // The page and its stylesheets name no host at all: nothing there can load from elsewhere.
  for (const file of files.filter((f) => /\.(html|css)$/.test(f))) expect(readFileSync(file, 'utf8'), file).not.toMatch(/https?:\/\//);
});
