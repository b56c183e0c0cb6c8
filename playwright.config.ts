import { existsSync } from 'node:fs';
import { defineConfig } from '@playwright/test';

/**
 * End-to-end tests run against the built app served by `vite preview` (the dev server reloads
 * while it discovers tfjs in the worker: TOOLCHAIN trap 4). Chromium: CHROMIUM_PATH, else
 * Debian's /usr/bin/chromium, else Playwright's own browser where one is installed.
 */
/** E2E_PORT lets two checkouts run their suites side by side. */
const port = Number(process.env.E2E_PORT ?? 4173);
const systemChromium = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export default defineConfig({
  testDir: 'e2e',
  timeout: 120_000,
  expect: { timeout: 30_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list'], ['json', { outputFile: 'test-results/e2e.json' }]],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    viewport: { width: 1280, height: 900 },
    trace: 'retain-on-failure',
    // The built app registers a service worker (offline use): tests run with it, as users do.
    serviceWorkers: 'allow',
    launchOptions: {
      executablePath: systemChromium,
      args: ['--disable-gpu', '--disable-dev-shm-usage', '--no-first-run', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
  },
  webServer: {
    command: `npx vite preview --host 127.0.0.1 --port ${port} --strictPort`,
    url: `http://127.0.0.1:${port}/`,
    reuseExistingServer: false,
    timeout: 60_000,
  },
});
