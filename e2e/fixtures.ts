/**
 * Shared e2e fixture: every test fails if the page throws or logs an error, and gets helpers
 * that read the app the way a user sees it.
 */
import { test as base, expect, type Page } from '@playwright/test';

export interface AppPage {
  page: Page;
  /** The step counter in the status line. */
  step(): Promise<number>;
  /** The step shown by the timeline ("viewing step N"). */
  viewStep(): Promise<number>;
  /** Waits until the worker has configured (backend badge shown, Play usable). */
  ready(): Promise<void>;
  /** Trains the configured dense run to its last step at max speed. */
  trainToEnd(): Promise<void>;
  /** Opens the settings drawer (the fields live there), if it is closed. */
  openSettings(): Promise<void>;
}

export const test = base.extend<{ app: AppPage }>({
  app: async ({ page }, use) => {
    const problems: string[] = [];
    page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
    page.on('console', (m) => {
      if (m.type() === 'error') problems.push(`console.error: ${m.text()}`);
    });
    const num = async (testId: string) => Number((await page.getByTestId(testId).textContent())?.replace(/\D+/g, ''));
    const ready = async () => {
      await expect(page.getByTestId('backend')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Play', exact: true })).toBeEnabled();
    };
    await use({
      page,
      step: () => num('step'),
      viewStep: () => num('view-step'),
      ready,
      trainToEnd: async () => {
        await ready();
        await page.getByLabel('Speed').selectOption('null');
        await page.getByRole('button', { name: 'Play', exact: true }).click();
        await expect(page.locator('.status')).toContainText('finished', { timeout: 90_000 });
      },
      openSettings: async () => {
        const toggle = page.getByRole('button', { name: 'Settings', exact: true });
        if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
        await expect(page.getByLabel('Preset')).toBeVisible();
      },
    });
    expect(problems, 'no page errors').toEqual([]);
  },
});

export { expect };
