/**
 * Offline after one visit, as a lecturer in a hall without network uses it: open the app once
 * online, let its service worker finish installing, lose the network, reload, and the whole
 * lesson still works: the default run trains to its end at full speed and a lottery lab runs,
 * with no request failing and no answer of 400 or above. The tfjs wasm backend, fetched only
 * when chosen, comes from the cache too, and so does the published run schema.
 * Needs a fresh `vite build` (the service worker exists only in the built app).
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext } from '@playwright/test';
import { expect, test } from './fixtures';

test.use({ serviceWorkers: 'allow' });

/** Every request of the pages, their workers and the service worker that failed or was refused. */
function recordFailures(context: BrowserContext): string[] {
  const failures: string[] = [];
  context.on('requestfailed', (r) => failures.push(`${r.url()} failed: ${r.failure()?.errorText}`));
  context.on('response', (r) => {
    if (r.status() >= 400) failures.push(`${r.url()} answered ${r.status()}`);
  });
  return failures;
}

test('after one visit the app reloads offline, trains to the end and runs a lottery lab, with no failed request', async ({ app, context }) => {
  const { page } = app;
  await page.goto('./');
  await app.ready();
  // The worker has installed (every precached file fetched) and is active for the app's folder.
  const scope = await page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
  expect(scope).toBe(new URL('./', page.url()).href);

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

  // The published schema, offline: the validator's own file, served as JSON.
  const schema = await page.evaluate(async () => {
    const r = await fetch('schema/run.v1.json');
    return { type: r.headers.get('content-type'), text: await r.text() };
  });
  expect(schema.type).toContain('application/json');
  expect(JSON.parse(schema.text)).toEqual(JSON.parse(readFileSync('src/engine/runFile/run.schema.json', 'utf8')));

  // A shared link with a query, and the tfjs wasm backend whose .wasm only this run fetches.
  await page.goto('./?backend=wasm');
  await app.ready();
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', 'wasm');
  await page.getByRole('button', { name: 'Step 100', exact: true }).click();
  await expect.poll(() => app.step()).toBe(100);

  expect(failures, 'requests that failed offline').toEqual([]);
  await context.setOffline(false);
});
