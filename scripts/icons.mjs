/**
 * `npm run icons`: draws the app's PNG icons from public/favicon.svg (the one drawing of the
 * logo) with Chromium, for installing the app (the web app manifest, scripts/vite/pwa.ts) and
 * for iOS's home screen, which takes no SVG:
 *   public/icons/icon-192.png, icon-512.png   the logo on a transparent square ("any")
 *   public/icons/maskable-512.png             the logo inside the maskable safe zone (the
 *                                             centre circle of radius 40%) on the page colour
 *   public/icons/apple-touch-icon.png         180 px, opaque, on the page colour
 * The page colour is --bg of src/app/styles/tokens.css (light theme). Rerun after changing the
 * favicon, and commit the PNGs.
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright';

const SVG = readFileSync('public/favicon.svg', 'utf8');
const BG = readFileSync('src/app/styles/tokens.css', 'utf8').match(/--bg:\s*(#[0-9a-f]{6})/i)[1];
const ICONS = [
  { file: 'public/icons/icon-192.png', size: 192, logo: 1, background: null },
  { file: 'public/icons/icon-512.png', size: 512, logo: 1, background: null },
  // The logo's circle spans 30/32 of the square; at 0.75 it stays within the 80% safe circle.
  { file: 'public/icons/maskable-512.png', size: 512, logo: 0.75, background: BG },
  { file: 'public/icons/apple-touch-icon.png', size: 180, logo: 0.8, background: BG },
];

const executablePath = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
const browser = await chromium.launch({ executablePath, args: ['--disable-gpu'] });
try {
  mkdirSync('public/icons', { recursive: true });
  for (const icon of ICONS) {
    const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size }, deviceScaleFactor: 1 });
    const side = Math.round(icon.size * icon.logo);
    const svg = SVG.replace('<svg ', `<svg width="${side}" height="${side}" `);
    await page.setContent(`<body style="margin:0;width:${icon.size}px;height:${icon.size}px;display:grid;place-items:center;background:${icon.background ?? 'transparent'}">${svg}</body>`);
    await page.screenshot({ path: icon.file, omitBackground: icon.background === null });
    await page.close();
    console.log(`${icon.file}: ${icon.size}x${icon.size}`);
  }
} finally {
  await browser.close();
}
