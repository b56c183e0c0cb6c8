/**
 * Offline after one visit, as a lecturer in a hall without network uses it: open the app once
 * online, let its service worker finish installing, lose the network, reload, and the whole
 * lesson still works: the default run trains to its end at full speed and a lottery lab runs,
 * with no request failing and no answer of 400 or above. The tfjs wasm backend, fetched only
 * when chosen, comes from the cache too, and so does the published run schema.
 * Service workers are allowed in playwright.config.ts.
 * Needs a fresh `vite build` (the service worker exists only in the built app).
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { type AppPage, expect, test } from './fixtures';

/** Every request of the pages, their workers and the service worker that failed or was refused. */
function recordFailures(context: BrowserContext): string[] {
  const failures: string[] = [];
  context.on('requestfailed', (r) => failures.push(`${r.url()} failed: ${r.failure()?.errorText}`));
  context.on('response', (r) => {
    if (r.status() >= 400) failures.push(`${r.url()} answered ${r.status()}`);
  });
  return failures;
}

/** Opens the app online and waits until its service worker has installed (every precached file fetched). */
async function visitOnce(app: AppPage): Promise<void> {
  await app.page.goto('./');
  await app.ready();
  const scope = await app.page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope, 'the service worker is scoped to the app folder').toBe(new URL('./', app.page.url()).href);
}

test('after one visit the app reloads offline, trains to the end and runs a lottery lab, with no failed request', async ({ app, context }) => {
  const { page } = app;
  await visitOnce(app);
  const failures = recordFailures(context);
  await context.setOffline(true);
  await page.reload();
  expect(await page.evaluate(() => navigator.serviceWorker.controller !== null), 'the page is served by the service worker').toBe(true);
  expect(await page.evaluate(() => navigator.onLine)).toBe(false);

  await app.trainToEnd();
  expect(await app.step()).toBe(3000);
  for (const s of ['50%', '70%', '90%']) await page.getByRole('checkbox', { name: s, exact: true }).uncheck();
  await page.getByRole('button', { name: 'Run lottery' }).click();
  await expect(page.getByTestId('lottery-phase')).toContainText('Done', { timeout: 120_000 });
  await expect(page.getByTestId('ticket-table').locator('tbody tr').filter({ hasText: '80.0%' })).toHaveCount(3);
  expect(failures, 'requests that failed offline').toEqual([]);
});

test('offline, a shared link trains on the tfjs wasm backend and the published run schema is there', async ({ app, context }) => {
  const { page } = app;
  await visitOnce(app);
  const failures = recordFailures(context);
  await context.setOffline(true);
  // A link with a query, and the backend whose .wasm only such a run fetches.
  await page.goto('./?backend=wasm');
  await app.ready();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByRole('button', { name: 'Step 100', exact: true }).click();
  await expect.poll(() => app.step()).toBe(100);

  // The published schema: the validator's own file, served as JSON.
  const schema = await page.evaluate(async () => {
    const r = await fetch('schema/run.v1.json');
    return { type: r.headers.get('content-type'), text: await r.text() };
  });
  expect(schema.type).toContain('application/json');
  expect(JSON.parse(schema.text)).toEqual(JSON.parse(readFileSync('src/engine/runFile/run.schema.json', 'utf8')));
  expect(failures, 'requests that failed offline').toEqual([]);
});
