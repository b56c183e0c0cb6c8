/**
 * `auto`'s calibration as a first visit sees it: a fresh browser context (empty localStorage)
 * opens the app, and the backend badge's tooltip gives the figures and the choice
 * (views/calibrationText.ts), measured in that page.
 */
export async function measureCalibration(browser, baseUrl) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  try {
    const page = await context.newPage();
    await page.goto(`${baseUrl}index.html`);
    const badge = page.locator('[data-testid=backend][data-backend]');
    await badge.waitFor({ timeout: 60_000 });
    await page.waitForFunction(() => /measured now in \d+ ms/.test(document.querySelector('[data-testid=backend]')?.getAttribute('title') ?? ''), null, { timeout: 60_000 });
    const title = await badge.getAttribute('title');
    return { backend: await badge.getAttribute('data-backend'), text: title.split('\n').find((l) => l.startsWith('auto →')) ?? title };
  } finally {
    await context.close();
  }
}
