/**
 * `npm run screenshots`: regenerates the README's screenshots from a real run of the built app
 * (run `npm run build` first): docs/screenshot.png (1280x800), docs/screenshot-phone.png
 * (390x844) and docs/screenshot-dark.png (1280x800, prefers-color-scheme: dark). Each opens the
 * default experiment, trains it to the end at full speed, selects row 2 and shows the top of
 * the page (the phone: its feature-space section). It serves dist/ with its own `vite preview` on SCREENSHOT_PORT (4175) and stops it.
 */
import { existsSync, statSync } from 'node:fs';
import { chromium } from 'playwright';
import { startPreview } from '../bench/server.mjs';

const PORT = Number(process.env.SCREENSHOT_PORT ?? 4175);
const MAX_BYTES = 400 * 1024;
const SHOTS = [
  { file: 'docs/screenshot.png', viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
  { file: 'docs/screenshot-phone.png', viewport: { width: 390, height: 844 }, colorScheme: 'light', section: 'panel-features' },
  { file: 'docs/screenshot-dark.png', viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
];

async function shoot(browser, url, shot) {
  const context = await browser.newContext({ viewport: shot.viewport, colorScheme: shot.colorScheme, reducedMotion: 'reduce' });
  try {
    const page = await context.newPage();
    await page.goto(url);
    const play = page.getByRole('button', { name: 'Play', exact: true });
    await play.waitFor();
    await page.waitForFunction(() => !document.querySelector('.controls button.primary')?.hasAttribute('disabled'));
    await page.getByLabel('Speed').selectOption('null');
    await play.click();
    await page.locator('.status').filter({ hasText: 'finished' }).waitFor({ timeout: 120_000 });
    await page.getByLabel('Row', { exact: true }).selectOption('2');
    await page.evaluate((id) => (id ? document.getElementById(id)?.scrollIntoView() : window.scrollTo(0, 0)), shot.section ?? null);
    await page.waitForTimeout(800); // the throttled figures take the final numbers
    await page.screenshot({ path: shot.file });
    const bytes = statSync(shot.file).size;
    console.log(`${shot.file}: ${shot.viewport.width}x${shot.viewport.height} ${shot.colorScheme}, ${Math.round(bytes / 1024)} KB`);
    if (bytes > MAX_BYTES) throw new Error(`${shot.file} is ${Math.round(bytes / 1024)} KB, over ${MAX_BYTES / 1024} KB.`);
  } finally {
    await context.close();
  }
}

if (!existsSync('dist/index.html')) throw new Error('No dist/: run `npm run build` first.');
const server = await startPreview(PORT);
try {
  const systemChromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  const browser = await chromium.launch({ headless: true, executablePath: existsSync(systemChromium) ? systemChromium : undefined, args: ['--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    for (const shot of SHOTS) await shoot(browser, server.url, shot);
  } finally {
    await browser.close();
  }
} finally {
  server.stop();
}
