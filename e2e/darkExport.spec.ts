/**
 * Exported figures stay light when the page is dark: the feature-space PNG is drawn on white
 * with the light palette's blue, an SVG chart's text takes the light ink, and the page is dark
 * again afterwards, its canvas redrawn in the dark palette.
 */
import { readFileSync } from 'node:fs';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';

async function save(page: Page, testInfo: TestInfo, label: string, format: 'PNG' | 'SVG'): Promise<string> {
  await page.getByRole('button', { name: `Export figure: ${label}`, exact: true }).click();
  const download = page.waitForEvent('download');
  await page
    .getByRole('menu', { name: `Export ${label} as` })
    .getByRole('menuitem', { name: format, exact: true })
    .click();
  const d = await download;
  const path = testInfo.outputPath(d.suggestedFilename());
  await d.saveAs(path);
  return path;
}

/** Share of a PNG's pixels near each colour, decoded in the page. */
async function shares(page: Page, png: string, colours: Record<string, [number, number, number]>): Promise<Record<string, number>> {
  return page.evaluate(
    async ({ b64, colours }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      [c.width, c.height] = [img.naturalWidth, img.naturalHeight];
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      const out: Record<string, number> = {};
      for (const [name, [r, g, b]] of Object.entries(colours)) {
        let near = 0;
        for (let i = 0; i < d.length; i += 4) if (Math.abs(d[i] - r) + Math.abs(d[i + 1] - g) + Math.abs(d[i + 2] - b) < 40) near++;
        out[name] = near / (d.length / 4);
      }
      return out;
    },
    { b64: readFileSync(png).toString('base64'), colours },
  );
}

test('with the page dark, figure exports are light, and the page stays dark', async ({ app }, testInfo) => {
  const { page } = app;
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto('./');
  await app.ready();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.getByRole('button', { name: 'Step 100', exact: true }).click();
  await expect(page.getByTestId('feature-space')).toHaveAttribute('data-step', '100');

  const png = await shares(page, await save(page, testInfo, 'Feature space', 'PNG'), { white: [255, 255, 255], darkPaper: [0x1c, 0x1f, 0x24], lightBlue: [0x00, 0x72, 0xb2] });
  expect(png.white).toBeGreaterThan(0.5);
  expect(png.darkPaper, 'dark paper (light ink is near it too: only a few pixels)').toBeLessThan(0.05);
  expect(png.lightBlue).toBeGreaterThan(0);

  await page.getByTestId('metric-step').scrollIntoViewIfNeeded();
  const svg = readFileSync(await save(page, testInfo, 'Test metrics', 'SVG'), 'utf8');
  const fills = [...svg.matchAll(/class="axis-label"[^>]*style="[^"]*fill: (rgb\([^)]*\))/g)].map((m) => m[1]);
  expect(fills.length).toBeGreaterThan(0);
  expect(new Set(fills)).toEqual(new Set(['rgb(95, 95, 95)']));

  // Back to dark on the page: the tokens, and the canvas drawn on the dark paper again.
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  const onPage = await page.getByTestId('feature-space').screenshot({ path: testInfo.outputPath('feature-space-on-page.png') });
  const shown = await shares(page, testInfo.outputPath('feature-space-on-page.png'), { lightBlue: [0x00, 0x72, 0xb2], darkBlue: [0x4f, 0xa8, 0xe8] });
  expect(onPage.length).toBeGreaterThan(0);
  expect(shown.lightBlue).toBe(0);
  expect(shown.darkBlue).toBeGreaterThan(0);
});
