/**
 * Sharing a finished run, as a user does it: every figure's "Export figure" menu saves a PNG
 * (at twice the page's pixels) and a standalone SVG (styles inlined, canvases embedded, nothing
 * outside the file), the metrics save as CSV with one record per kept snapshot, and a run file
 * comes back, by the file picker and by drag and drop, with the same numbers on screen.
 */
import { readFileSync } from 'node:fs';
import AxeBuilder from '@axe-core/playwright';
import { pathToFileURL } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';
import { expect, test } from './fixtures';
import { outcomeCounts, settled } from './settled';

interface Saved {
  name: string;
  path: string;
}

/** Opens a figure's export menu by keyboard-free clicks and saves the chosen format. */
async function exportFigure(page: Page, testInfo: TestInfo, label: string, format: 'PNG' | 'SVG' | 'CSV'): Promise<Saved> {
  const button = page.getByRole('button', { name: `Export figure: ${label}`, exact: true });
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const download = page.waitForEvent('download');
  await page
    .getByRole('menu', { name: `Export ${label} as` })
    .getByRole('menuitem', { name: format, exact: true })
    .click();
  const d = await download;
  const path = testInfo.outputPath(d.suggestedFilename());
  await d.saveAs(path);
  await expect(button).toHaveAttribute('aria-expanded', 'false');
  await expect(button).toBeFocused();
  return { name: d.suggestedFilename(), path };
}

interface SvgFacts {
  ok: boolean;
  root: string;
  width: number;
  height: number;
  viewBox: string | null;
  title: string;
  text: string;
  images: { href: string; width: number; height: number }[];
  counts: Record<string, number>;
  outside: string[];
  firstStyle: { fill: string; fontSize: string };
}

/** Parses an SVG file as a standalone XML document (no page CSS) and reads what a test needs. */
async function readSvg(page: Page, path: string, selectors: string[], styledSelector: string): Promise<SvgFacts> {
  return page.evaluate(
    ({ text, selectors, styledSelector }) => {
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svg = doc.documentElement;
      const outside: string[] = [];
      for (const el of doc.querySelectorAll('*')) {
        if (['script', 'foreignObject', 'iframe', 'link', 'style'].includes(el.localName)) outside.push(`<${el.localName}>`);
        for (const a of el.attributes) {
          if (a.name.startsWith('xmlns')) continue;
          if (a.localName === 'href' && !/^(#|data:image\/png;base64,)/.test(a.value)) outside.push(`${a.name}=${a.value.slice(0, 60)}`);
          for (const m of a.value.matchAll(/url\(([^)]*)\)/g)) if (!m[1].replace(/['"]/g, '').startsWith('#')) outside.push(m[0]);
          if (a.localName !== 'href' && /https?:\/\//.test(a.value)) outside.push(`${a.name}=${a.value.slice(0, 60)}`);
        }
      }
      const styled = doc.querySelector(styledSelector) as SVGElement | null;
      return {
        ok: doc.querySelector('parsererror') === null,
        root: `${svg.namespaceURI} ${svg.localName}`,
        width: Number(svg.getAttribute('width')),
        height: Number(svg.getAttribute('height')),
        viewBox: svg.getAttribute('viewBox'),
        title: doc.querySelector('svg > title')?.textContent ?? '',
        text: [...doc.querySelectorAll('text')].map((t) => t.textContent).join(' '),
        images: [...doc.querySelectorAll('image')].map((i) => ({ href: i.getAttribute('href') ?? '', width: Number(i.getAttribute('width')), height: Number(i.getAttribute('height')) })),
        counts: Object.fromEntries(selectors.map((s) => [s, doc.querySelectorAll(s).length])),
        outside,
        firstStyle: { fill: styled?.style.fill ?? '', fontSize: styled?.style.fontSize ?? '' },
      };
    },
    { text: readFileSync(path, 'utf8'), selectors, styledSelector },
  );
}

/** PNG signature and the IHDR size, read from the bytes. */
function pngSize(path: string): { signature: boolean; width: number; height: number; bytes: number } {
  const b = readFileSync(path);
  return {
    signature: b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) && b.toString('latin1', 12, 16) === 'IHDR',
    width: b.readUInt32BE(16),
    height: b.readUInt32BE(20),
    bytes: b.length,
  };
}

/** Decodes a PNG in the page and counts pixels: not white, and near the given colour. */
async function pngPixels(page: Page, path: string, near: [number, number, number]): Promise<{ inked: number; near: number; total: number }> {
  return page.evaluate(
    async ({ b64, near }) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.naturalWidth;
      c.height = img.naturalHeight;
      const ctx = c.getContext('2d')!;
      ctx.drawImage(img, 0, 0);
      const d = ctx.getImageData(0, 0, c.width, c.height).data;
      let inked = 0;
      let close = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] < 240 || d[i + 1] < 240 || d[i + 2] < 240) inked++;
        if (Math.abs(d[i] - near[0]) + Math.abs(d[i + 1] - near[1]) + Math.abs(d[i + 2] - near[2]) < 40) close++;
      }
      return { inked, near: close, total: d.length / 4 };
    },
    { b64: readFileSync(path).toString('base64'), near },
  );
}

test('the feature-space figure exports as a standalone SVG with its canvas embedded, and as a 2× PNG', async ({ app }, testInfo) => {
  const { page } = app;
  await page.goto('./');
  await app.trainToEnd();
  const canvas = page.getByTestId('feature-space');
  await canvas.scrollIntoViewIfNeeded();
  await settled(page, page.locator('.fs-legend'));
  const counts = await outcomeCounts(page);
  await expect(canvas).toHaveAttribute('data-step', '3000');
  const box = (await canvas.boundingBox())!;

  const svg = await exportFigure(page, testInfo, 'Feature space', 'SVG');
  expect(svg.name).toBe('lottery-lens-feature-space-step3000.svg');
  const facts = await readSvg(page, svg.path, ['image', 'text'], 'text');
  expect(facts.ok, 'well-formed XML').toBe(true);
  expect(facts.root).toBe('http://www.w3.org/2000/svg svg');
  expect(facts.viewBox).toBe(`0 0 ${facts.width} ${facts.height}`);
  expect(facts.title).toBe('Feature space: code locations and their clauses’ codes');
  expect(facts.outside, 'no reference outside the file').toEqual([]);
  // The one canvas of the figure, embedded at its size on the page.
  expect(facts.images).toHaveLength(1);
  expect(facts.images[0].href).toMatch(/^data:image\/png;base64,[A-Za-z0-9+/]{1000,}=*$/);
  expect(facts.images[0].width).toBeCloseTo(box.width, 0);
  expect(facts.images[0].height).toBeCloseTo(box.height, 0);
  expect(facts.width).toBeGreaterThanOrEqual(box.width);
  // Step, settings and the legend with its counts, as text in the file.
  expect(facts.text).toContain('step 3000 of 3000');
  expect(facts.text).toContain('seeds task 1, init 2, data 3, test 4');
  expect(facts.text).toContain(`converged ${counts.converged}`);
  expect(facts.text).toContain(`rejected ${counts.rejected}`);
  expect(facts.text).toContain(`recruited ${counts.recruited}`);

  // Opened on its own, from disk, it asks for nothing but itself.
  const viewer = await page.context().newPage();
  const requested: string[] = [];
  viewer.on('request', (r) => requested.push(r.url()));
  await viewer.goto(pathToFileURL(svg.path).href);
  expect(await viewer.evaluate(() => document.documentElement.localName)).toBe('svg');
  expect(requested.filter((u) => !u.startsWith('data:'))).toEqual([pathToFileURL(svg.path).href]);
  await viewer.close();

  const png = await exportFigure(page, testInfo, 'Feature space', 'PNG');
  expect(png.name).toBe('lottery-lens-feature-space-step3000.png');
  const size = pngSize(png.path);
  expect(size.signature).toBe(true);
  expect(size.width).toBe(2 * facts.width);
  expect(size.height).toBe(2 * facts.height);
  expect(size.bytes).toBeGreaterThan(50_000);
  // The canvas really is in the picture: converged marks are Okabe–Ito blue (#0072B2).
  const pixels = await pngPixels(page, png.path, [0x00, 0x72, 0xb2]);
  expect(pixels.inked / pixels.total).toBeGreaterThan(0.03);
  expect(pixels.near).toBeGreaterThan(counts.converged * 20);
});

test('a d3 chart exports every mark with its page styles inlined; the metrics CSV has one record per kept snapshot', async ({ app }, testInfo) => {
  const { page } = app;
  await page.goto('./');
  await app.trainToEnd();

  const chart = page.getByTestId('crowding-chart');
  await chart.scrollIntoViewIfNeeded();
  await settled(page, chart);
  const onPage = {
    bars: await chart.locator('svg rect.bar').count(),
    labels: await chart.locator('svg text.bar-label').count(),
    ticks: await chart.locator('svg .tick').count(),
  };
  expect(onPage.bars).toBe(2 * 16);
  const axisFill = await chart
    .locator('svg text.axis-label')
    .first()
    .evaluate((el) => getComputedStyle(el).fill);
  const svg = await exportFigure(page, testInfo, 'Crowding per row', 'SVG');
  expect(svg.name).toBe('lottery-lens-crowding-step3000.svg');
  const facts = await readSvg(page, svg.path, ['rect.bar', 'text.bar-label', '.tick', 'image'], 'text.axis-label');
  expect(facts.ok).toBe(true);
  expect(facts.outside).toEqual([]);
  expect(facts.counts).toEqual({ 'rect.bar': onPage.bars, 'text.bar-label': onPage.labels, '.tick': onPage.ticks, image: 0 });
  // The axis label's grey comes from the app's CSS (var(--muted)); in the file it is inline.
  expect(facts.firstStyle.fill).toBe(axisFill);
  expect(facts.text).toContain(await chart.locator('figcaption').textContent());

  const png = await exportFigure(page, testInfo, 'Crowding per row', 'PNG');
  const size = pngSize(png.path);
  expect(size.signature).toBe(true);
  expect([size.width, size.height]).toEqual([2 * facts.width, 2 * facts.height]);
  const orange = await chart
    .locator('svg rect.bar.init')
    .first()
    .evaluate((el) => getComputedStyle(el).fill);
  const rgb = orange.match(/\d+/g)!.map(Number) as [number, number, number];
  const pixels = await pngPixels(page, png.path, rgb);
  expect(pixels.near, `pixels of the init bars' ${orange}`).toBeGreaterThan(2000);

  // Metrics: every kept snapshot (3000 / 20 + 1), the numbers the page shows.
  const kept = Number(await page.getByLabel('Timeline').getAttribute('max')) + 1;
  expect(kept).toBe(151);
  const csv = await exportFigure(page, testInfo, 'Test metrics', 'CSV');
  expect(csv.name).toBe('lottery-lens-metrics-step3000.csv');
  const text = readFileSync(csv.path, 'utf8');
  expect(text.endsWith('\r\n')).toBe(true);
  const records = text
    .trimEnd()
    .split('\r\n')
    .map((l) => l.split(','));
  expect(records[0]).toEqual(['step', 'loss', 'balancedAccuracy', 'exactMatch']);
  expect(records).toHaveLength(1 + kept);
  const last = records.at(-1)!.map(Number);
  expect(last[0]).toBe(3000);
  await expect(page.getByTestId('metric-loss')).toHaveText(last[1].toFixed(4));
  await expect(page.getByTestId('metric-balanced')).toHaveText(`${(100 * last[2]).toFixed(1)}%`);
  await expect(page.getByTestId('metric-exact')).toHaveText(`${(100 * last[3]).toFixed(1)}%`);
  // The menu closes on Escape and gives focus back to its button.
  const button = page.getByRole('button', { name: 'Export figure: Test metrics', exact: true });
  await button.focus();
  await page.keyboard.press('Enter');
  await expect(page.getByRole('menuitem', { name: 'PNG', exact: true })).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('menuitem', { name: 'SVG', exact: true })).toBeFocused();
  await page.keyboard.press('End');
  await expect(page.getByRole('menuitem', { name: 'CSV', exact: true })).toBeFocused();
  const axe = await new AxeBuilder({ page }).include('.figure-menu').analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.help}`),
    'the open menu, checked by axe',
  ).toEqual([]);
  await page.keyboard.press('Escape');
  await expect(page.getByRole('menu')).toHaveCount(0);
  await expect(button).toBeFocused();
});
