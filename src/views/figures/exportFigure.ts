/**
 * A figure on the page as a file that looks the same outside the app:
 *
 *   figure root ──▶ parts: each visible <svg> cloned with the styles the app's CSS gives it
 *                  │        inlined, each <canvas> as <image href="data:image/png;base64,…">,
 *                  │        at the place it has on the page
 *                  ├▶ title, step and settings line above; its legends and captions below
 *                  ▼
 *   one standalone <svg> on white, in the light theme whatever the page's (lightExport.ts),
 *   built with createElementNS, never from markup strings
 *      ├─ XMLSerializer ─────────────────────────────▶ .svg
 *      └─ <img> ─▶ <canvas> at scale ≥ 2 ─▶ toBlob ─▶ .png
 *
 * Nothing in the file refers outside it: paint servers point at ids inside it and images are
 * data URLs, so it opens offline in a browser or a vector editor.
 */
import type { Settings } from '../../settings/settings';
import { LIGHT } from '../palette';
import { captionParagraphs, SKIP_SELECTOR, SWATCH, wrapRuns, type Run } from './figureText';
import { inlinedClone } from './svgClone';
import { inLightTheme } from './lightExport';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Legends and captions whose text goes under the figure in the file. */
export const CAPTION_SELECTOR = 'figcaption, .legend, .fs-legend';

const PAD = 16;
const GAP = 10;
const TITLE = { size: 15, weight: '700', line: 20 };
const SMALL = { size: 12, weight: '400', line: 16 };
const MUTED = LIGHT.muted;
const INK = LIGHT.ink;

export interface FigureMeta {
  /** First line, bold. */
  title: string;
  /** Second line: step and settings. */
  summary: string;
}

export interface FigureFile {
  /** The standalone document's root element (not attached to the page). */
  svg: SVGSVGElement;
  /** Serialized, with an XML declaration: the .svg file's text. */
  text: string;
  /** Size in CSS pixels. */
  width: number;
  height: number;
}

/** `lottery-lens-feature-space-step1200.svg`: what the figure is, and at which step. */
export function figureFileName(stem: string, step: number, ext: 'svg' | 'png' | 'csv'): string {
  return `lottery-lens-${stem}-step${step}.${ext}`;
}

/**
 * The line under a figure's title: the step and every setting that shapes the run, e.g.
 * "step 1200 of 3000 · n 24, K 12, k 3, p 0.5, q 0.25 · m 16 · adam, lr 0.003, batch 256 ·
 * seeds task 1, init 2, data 3, test 4 · τ 0.3, τ_out 0.25, r 1 · backend fused-wasm".
 */
export function figureSummary(s: Settings, step: number, backend: string | null, imported: boolean): string {
  return [
    `Lottery Lens, step ${step} of ${s.steps}${imported ? ' (imported run)' : ''}`,
    `n ${s.n}, K ${s.K}, k ${s.k}, p ${s.p}, q ${s.q}`,
    `m ${s.m}`,
    `${s.optimizer}, lr ${s.lr}, batch ${s.batch}`,
    `seeds task ${s.seedTask}, init ${s.seedInit}, data ${s.seedData}, test ${s.seedTest}`,
    `τ ${s.tau}, τ_out ${s.tauOut}, r ${s.r}${s.precursorReadout === 'any' ? '' : `, precursor readout ${s.precursorReadout}`}`,
    `backend ${backend ?? s.backend}`,
  ].join(' · ');
}

// ---------------------------------------------------------------------------------------------
// The standalone document.

function svgEl<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

function visible(el: Element, rect: DOMRect): boolean {
  if (rect.width === 0 || rect.height === 0 || el.closest(SKIP_SELECTOR)) return false;
  return getComputedStyle(el).visibility !== 'hidden';
}

interface Part {
  el: SVGSVGElement | HTMLCanvasElement;
  /** The element's box on the page. */
  rect: DOMRect;
  /** What it draws, on the page: an SVG's labels may overflow its box (overflow: visible). */
  extent: { left: number; top: number; right: number; bottom: number };
}

function drawnExtent(el: SVGSVGElement | HTMLCanvasElement, rect: DOMRect): Part['extent'] {
  const box = { left: rect.left, top: rect.top, right: rect.right, bottom: rect.bottom };
  const m = el instanceof SVGSVGElement ? el.getScreenCTM() : null;
  if (!m) return box;
  const bb = (el as SVGSVGElement).getBBox();
  if (bb.width === 0 && bb.height === 0) return box;
  const a = new DOMPoint(bb.x, bb.y).matrixTransform(m);
  const b = new DOMPoint(bb.x + bb.width, bb.y + bb.height).matrixTransform(m);
  return { left: Math.min(box.left, a.x, b.x), top: Math.min(box.top, a.y, b.y), right: Math.max(box.right, a.x, b.x), bottom: Math.max(box.bottom, a.y, b.y) };
}

/** The figure's drawn parts: outermost SVGs and canvases that show, with their page boxes. */
function figureParts(root: Element): Part[] {
  return [...root.querySelectorAll<SVGSVGElement | HTMLCanvasElement>('svg, canvas')]
    .filter((el) => !el.parentElement?.closest('svg'))
    .map((el) => ({ el, rect: el.getBoundingClientRect() }))
    .filter(({ el, rect }) => visible(el, rect))
    .map(({ el, rect }) => ({ el, rect, extent: drawnExtent(el, rect) }));
}

function captionsOf(root: Element): Element[] {
  const all = [...root.querySelectorAll(CAPTION_SELECTOR)].filter((el) => !el.closest(SKIP_SELECTOR));
  return all.filter((el) => !all.some((other) => other !== el && other.contains(el)));
}

/** Writes wrapped paragraphs as <text>s and swatch <rect>s from y; returns the y below them. */
function writeText(parent: SVGElement, paragraphs: Run[][], y: number, width: number, font: string, size: number, line: number): number {
  const ctx = document.createElement('canvas').getContext('2d');
  const measure = (text: string, run: Run) => {
    if (!ctx) return text.length * size * 0.55;
    ctx.font = `${run.kind === 'text' && run.italic ? 'italic ' : ''}${run.kind === 'text' ? run.weight : '400'} ${size}px ${font}`;
    return ctx.measureText(text).width;
  };
  for (const paragraph of paragraphs) {
    for (const placed of wrapRuns(paragraph, width, measure)) {
      for (const { run, x } of placed) {
        if (run.kind === 'swatch') {
          parent.append(svgEl('rect', { x: PAD + x, y: y + (line - SWATCH) / 2, width: SWATCH, height: SWATCH, rx: 2, fill: run.color, stroke: '#00000033' }));
          continue;
        }
        const text = svgEl('text', { x: PAD + x, y: y + size, fill: run.color, 'font-size': size, 'font-weight': run.weight, 'font-family': font });
        if (run.italic) text.setAttribute('font-style', 'italic');
        text.textContent = run.text;
        parent.append(text);
      }
      y += line;
    }
  }
  return y;
}

/**
 * The figure under `root` as one standalone SVG document: title and summary on top, every
 * visible <svg> and <canvas> at its place on the page, the legends and captions below.
 */
export function figureToSvg(root: Element, meta: FigureMeta): FigureFile {
  return inLightTheme(root, () => buildFigure(root, meta));
}

function buildFigure(root: Element, meta: FigureMeta): FigureFile {
  const parts = figureParts(root);
  if (parts.length === 0) throw new Error('This figure has nothing drawn yet.');
  const left = Math.floor(Math.min(...parts.map((p) => p.extent.left)));
  const top = Math.floor(Math.min(...parts.map((p) => p.extent.top)));
  const figureW = Math.ceil(Math.max(...parts.map((p) => p.extent.right)) - left);
  const figureH = Math.ceil(Math.max(...parts.map((p) => p.extent.bottom)) - top);
  const width = Math.max(figureW, 360) + 2 * PAD;
  const textW = width - 2 * PAD;
  const font = getComputedStyle(document.documentElement).fontFamily || 'system-ui, sans-serif';

  const svg = svgEl('svg', { width, version: '1.1' });
  const titleEl = svgEl('title', {});
  titleEl.textContent = meta.title;
  const desc = svgEl('desc', {});
  desc.textContent = meta.summary;
  const background = svgEl('rect', { x: 0, y: 0, width, height: 0, fill: '#ffffff' });
  svg.append(titleEl, desc, background);

  const text = (s: string, color: string, weight: string): Run[][] => [[{ kind: 'text', text: s, color, weight, italic: false }]];
  let y = writeText(svg, text(meta.title, INK, TITLE.weight), PAD, textW, font, TITLE.size, TITLE.line);
  y = writeText(svg, text(meta.summary, MUTED, SMALL.weight), y, textW, font, SMALL.size, SMALL.line) + GAP;

  const figure = svgEl('g', { transform: `translate(${PAD},${y})` });
  for (const { el, rect } of parts) {
    const box = { x: rect.left - left, y: rect.top - top, width: rect.width, height: rect.height };
    if (el instanceof HTMLCanvasElement) {
      figure.append(svgEl('image', { ...box, href: el.toDataURL('image/png'), preserveAspectRatio: 'none' }));
      continue;
    }
    const clone = inlinedClone(el);
    if (!clone.getAttribute('viewBox')) {
      const w = el.width.baseVal.value || rect.width;
      const h = el.height.baseVal.value || rect.height;
      clone.setAttribute('viewBox', `0 0 ${w} ${h}`);
    }
    for (const [k, v] of Object.entries(box)) clone.setAttribute(k, String(v));
    clone.setAttribute('overflow', 'visible');
    figure.append(clone);
  }
  svg.append(figure);
  y += figureH + GAP;
  y = writeText(svg, captionsOf(root).flatMap(captionParagraphs), y, textW, font, SMALL.size, SMALL.line);
  const height = Math.ceil(y + PAD);
  svg.setAttribute('height', String(height));
  svg.setAttribute('viewBox', `0 0 ${width} ${height}`);
  background.setAttribute('height', String(height));
  const serialized = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}\n`;
  return { svg, text: serialized, width, height };
}

/** The figure file drawn at `scale` device pixels per CSS pixel, as a PNG. */
export async function svgToPng(file: FigureFile, scale: number): Promise<Blob> {
  const url = URL.createObjectURL(new Blob([file.text], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(file.width * scale);
    canvas.height = Math.round(file.height * scale);
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2D canvas to draw the PNG on.');
    ctx.fillStyle = '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
