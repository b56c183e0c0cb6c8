/**
 * A figure on the page as a file that looks the same outside the app:
 *
 *   figure root ──▶ parts: each visible <svg> cloned with the styles the app's CSS gives it
 *                  │        inlined, each <canvas> as <image href="data:image/png;base64,…">,
 *                  │        at the place it has on the page
 *                  ├▶ title, step and settings line above; its legends and captions below
 *                  ▼
 *   one standalone <svg> on white (built with createElementNS, never from markup strings)
 *      ├─ XMLSerializer ─────────────────────────────▶ .svg
 *      └─ <img> ─▶ <canvas> at scale ≥ 2 ─▶ toBlob ─▶ .png
 *
 * Nothing in the file refers outside it: paint servers point at ids inside it and images are
 * data URLs, so it opens offline in a browser or a vector editor.
 */

import type { Settings } from '../../state/settings';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Legends and captions whose text goes under the figure in the file. */
export const CAPTION_SELECTOR = 'figcaption, .legend, .fs-legend';
/** Never part of a figure file: the export menu itself and text only screen readers get. */
const SKIP_SELECTOR = '.figure-menu, .sr-only';

const PAD = 16;
const GAP = 10;
const TITLE = { size: 15, weight: '700', line: 20 };
const SMALL = { size: 12, weight: '400', line: 16 };
const MUTED = '#5f5f5f';
const INK = '#1b1b1b';
const SWATCH = 10;
const SWATCH_ADVANCE = SWATCH + 8;

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

/**
 * Points a CSS url() at the fragment only. CSSOM makes the computed value of a url() absolute,
 * so a browser may report `url("http://host/page#hatch-end-3")` for a paint server written as
 * `url(#hatch-end-3)` (Chromium keeps it relative), and in a file that would point outside it.
 * A url() with no fragment becomes `none`.
 */
export function fragmentOnlyUrls(value: string): string {
  return value.replace(/url\(\s*(['"]?)([^'")]*)\1\s*\)/g, (_all, _q, url: string) => {
    const hash = url.indexOf('#');
    return hash < 0 ? 'none' : `url(#${url.slice(hash + 1)})`;
  });
}

// ---------------------------------------------------------------------------------------------
// Text: legends and captions as runs of styled text and colour swatches, wrapped into lines.

export type Run =
  | { kind: 'text'; text: string; color: string; weight: string; italic: boolean }
  | { kind: 'swatch'; color: string };

/** A run placed on a line: x from the line's start, width as measured. */
export interface Placed {
  run: Run;
  x: number;
  width: number;
}

/** A word (or swatch) in reading order, and whether a space comes before it. */
interface Token {
  run: Run;
  word: string;
  space: boolean;
}

function tokens(runs: readonly Run[]): Token[] {
  const out: Token[] = [];
  let pendingSpace = false;
  for (const run of runs) {
    if (run.kind === 'swatch') {
      out.push({ run, word: '', space: true });
      pendingSpace = true;
      continue;
    }
    const parts = run.text.split(/(\s+)/);
    for (const part of parts) {
      if (part === '') continue;
      if (/^\s+$/.test(part)) pendingSpace = true;
      else {
        out.push({ run, word: part, space: pendingSpace });
        pendingSpace = false;
      }
    }
  }
  return out;
}

/**
 * Greedy line breaking at spaces: words go on a line while they fit in `maxWidth` (a word wider
 * than the line gets a line of its own). `measure(text, run)` is the text's advance in px.
 * Adjacent words of one style are merged into one placed item, so a line is a few <text>s.
 */
export function wrapRuns(runs: readonly Run[], maxWidth: number, measure: (text: string, run: Run) => number): Placed[][] {
  const lines: Placed[][] = [];
  let line: Placed[] = [];
  let x = 0;
  for (const t of tokens(runs)) {
    const swatch = t.run.kind === 'swatch';
    const w = swatch ? SWATCH : measure(t.word, t.run);
    let gap = line.length > 0 && t.space ? (swatch ? SWATCH_ADVANCE - SWATCH : measure(' ', t.run)) : 0;
    if (line.length > 0 && x + gap + w > maxWidth) {
      lines.push(line);
      line = [];
      x = 0;
      gap = 0;
    }
    const last = line.at(-1);
    if (!swatch && last && last.run.kind === 'text' && t.run.kind === 'text' && sameStyle(last.run, t.run)) {
      last.run = { ...last.run, text: `${last.run.text}${gap > 0 ? ' ' : ''}${t.word}` };
      last.width = x + gap + w - last.x;
    } else {
      line.push({ run: swatch ? t.run : { ...(t.run as Extract<Run, { kind: 'text' }>), text: t.word }, x: x + gap, width: w });
    }
    x += gap + w + (swatch ? 2 : 0);
  }
  if (line.length > 0) lines.push(line);
  return lines;
}

function sameStyle(a: Extract<Run, { kind: 'text' }>, b: Extract<Run, { kind: 'text' }>): boolean {
  return a.color === b.color && a.weight === b.weight && a.italic === b.italic;
}

/** The text of a legend or caption element as paragraphs of runs (each block element its own). */
export function captionParagraphs(el: Element): Run[][] {
  const paragraphs: Run[][] = [];
  let current: Run[] = [];
  const breakParagraph = () => {
    if (current.some((r) => r.kind === 'swatch' || r.text.trim() !== '')) paragraphs.push(current);
    current = [];
  };
  const walk = (node: Node) => {
    if (node.nodeType === Node.TEXT_NODE) {
      const text = (node.nodeValue ?? '').replace(/\s+/g, ' ');
      if (text === '' || !node.parentElement) return;
      const cs = getComputedStyle(node.parentElement);
      current.push({ kind: 'text', text, color: cs.color, weight: cs.fontWeight, italic: cs.fontStyle === 'italic' });
      return;
    }
    if (!(node instanceof Element) || node.matches(SKIP_SELECTOR) || node.matches('input, select, button, textarea, svg, canvas')) return;
    const cs = getComputedStyle(node);
    if (cs.display === 'none' || cs.visibility === 'hidden') return;
    if (node.tagName === 'BR') return breakParagraph();
    const background = cs.backgroundColor;
    if (node.textContent?.trim() === '' && cs.backgroundImage === 'none' && !/^(transparent|rgba\(.*,\s*0\))$/.test(background)) {
      current.push({ kind: 'swatch', color: background });
      return;
    }
    const block = !cs.display.startsWith('inline') && cs.display !== 'contents';
    if (block) breakParagraph();
    node.childNodes.forEach(walk);
    if (block) breakParagraph();
  };
  walk(el);
  breakParagraph();
  return paragraphs;
}

// ---------------------------------------------------------------------------------------------
// SVG: a deep clone with the computed styles that make it look as it does on the page.

/** [property, inherited, initial value]: presentation properties that CSS may set. */
const STYLE_PROPS: readonly (readonly [string, boolean, string])[] = [
  ['fill', true, ''], ['fill-opacity', true, ''], ['fill-rule', true, ''], ['stroke', true, ''], ['stroke-width', true, ''],
  ['stroke-opacity', true, ''], ['stroke-dasharray', true, ''], ['stroke-dashoffset', true, ''], ['stroke-linecap', true, ''],
  ['stroke-linejoin', true, ''], ['font-family', true, ''], ['font-size', true, ''], ['font-weight', true, ''],
  ['font-style', true, ''], ['font-variant-numeric', true, ''], ['letter-spacing', true, ''], ['text-anchor', true, ''],
  ['dominant-baseline', true, ''], ['paint-order', true, ''], ['visibility', true, ''], ['shape-rendering', true, ''],
  ['color', true, ''], ['opacity', false, '1'], ['display', false, 'inline'], ['alignment-baseline', false, 'auto'],
];
const NOT_RENDERED = new Set(['title', 'desc', 'metadata', 'defs', 'style', 'script']);

function inlinedClone(source: SVGSVGElement): SVGSVGElement {
  const clone = source.cloneNode(true) as SVGSVGElement;
  const from = [source, ...source.querySelectorAll('*')];
  const to = [clone, ...clone.querySelectorAll('*')];
  const computed = new Map<Element, CSSStyleDeclaration>();
  from.forEach((src, i) => {
    const dst = to[i];
    for (const attr of ['tabindex', 'aria-pressed', 'style']) dst.removeAttribute(attr);
    if (dst.getAttribute('role') === 'button') dst.removeAttribute('role');
    if (NOT_RENDERED.has(src.tagName.toLowerCase()) && src !== source) return;
    const cs = getComputedStyle(src);
    computed.set(src, cs);
    const parent = src === source ? undefined : computed.get(src.parentElement!);
    const style = (dst as SVGElement).style;
    for (const [prop, inherited, initial] of STYLE_PROPS) {
      const value = cs.getPropertyValue(prop);
      if (value === '') continue;
      if (inherited ? parent !== undefined && parent.getPropertyValue(prop) === value : value === initial) continue;
      style.setProperty(prop, fragmentOnlyUrls(value));
    }
  });
  // Paint servers and other references in attributes: inside the file or nowhere.
  for (const el of to) {
    for (const attr of [...el.attributes]) {
      if (attr.value.includes('url(')) el.setAttribute(attr.name, fragmentOnlyUrls(attr.value));
      if (attr.localName === 'href' && !/^(#|data:)/.test(attr.value)) el.removeAttributeNode(attr);
    }
    if (el.localName === 'script' || el.localName === 'foreignObject') el.remove();
  }
  return clone;
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
    return await new Promise<Blob>((resolve, reject) =>
      canvas.toBlob((blob) => (blob ? resolve(blob) : reject(new Error('The browser could not encode the PNG.'))), 'image/png'),
    );
  } finally {
    URL.revokeObjectURL(url);
  }
}
