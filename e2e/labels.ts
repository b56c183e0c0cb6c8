/**
 * The text a reader sees, as boxes: every <text> of every SVG figure and every line of every
 * visible HTML text node (Range client rects), clipped to the scrollers and the window they sit
 * in, minus text hidden from the eye (display, visibility, opacity, .sr-only and clip), text
 * under a sticky or fixed layer it does not belong to, and form controls' own text. Then the
 * pairs of different labels whose boxes overlap by more than a few square pixels.
 */
import type { Page } from '@playwright/test';

export interface Label {
  text: string;
  /** Where it is: the nearest section, figure or landmark's id or class. */
  where: string;
  x: number;
  y: number;
  w: number;
  h: number;
  /** Which text node or <text> element it came from (lines of one node share it). */
  node: number;
}

export interface Overlap {
  a: Label;
  b: Label;
  area: number;
}

/** The labels inside the window now (run in the page). */
export async function visibleLabels(page: Page): Promise<Label[]> {
  return page.evaluate(() => {
    type Box = { x: number; y: number; w: number; h: number };
    const intersect = (a: Box, b: Box): Box | null => {
      const x = Math.max(a.x, b.x);
      const y = Math.max(a.y, b.y);
      const w = Math.min(a.x + a.w, b.x + b.w) - x;
      const h = Math.min(a.y + a.h, b.y + b.h) - y;
      return w > 0 && h > 0 ? { x, y, w, h } : null;
    };
    const view: Box = { x: 0, y: 0, w: window.innerWidth, h: window.innerHeight };
    const hidden = (el: Element) =>
      !el.checkVisibility({ opacityProperty: true, visibilityProperty: true }) || el.closest('.sr-only, option, select, textarea, script, style, noscript, title, desc') !== null;
    // Clipping boxes from the text's own element up: overflow other than visible (an ellipsis,
    // a scroller, an <svg>), or a clip / clip-path (visually hidden text).
    const clipOf = (el: Element): Box | null => {
      let box: Box | null = view;
      for (let a: Element | null = el; a && box; a = a.parentElement) {
        const cs = getComputedStyle(a);
        if (cs.clipPath !== 'none' || (cs.clip !== 'auto' && cs.clip !== '')) return null;
        if (cs.overflowX !== 'visible' || cs.overflowY !== 'visible') {
          const r = a.getBoundingClientRect();
          // Overflow clips at the padding box; an ellipsis cuts the text at the content box.
          const pad = cs.textOverflow === 'ellipsis' ? { l: parseFloat(cs.paddingLeft), r: parseFloat(cs.paddingRight) } : { l: 0, r: 0 };
          box = intersect(box, { x: r.x + a.clientLeft + pad.l, y: r.y + a.clientTop, w: a.clientWidth - pad.l - pad.r, h: a.clientHeight });
        }
      }
      return box;
    };
    // Layers that float over the page: text under one it is not part of is hidden by it.
    const layers = [...document.querySelectorAll('body *')]
      .filter((el) => ['sticky', 'fixed'].includes(getComputedStyle(el).position) && el.getBoundingClientRect().height > 0)
      .map((el) => ({ el, r: el.getBoundingClientRect() }));
    const covered = (el: Element, b: Box) => layers.some(({ el: layer, r }) => !layer.contains(el) && intersect(b, { x: r.x, y: r.y, w: r.width, h: r.height }) !== null);
    const whereOf = (el: Element) => {
      const host = el.closest('figure[data-testid], section[id], details[id], aside[id], nav, header, .stage-bar, figure, section');
      return host ? host.id || host.getAttribute('data-testid') || host.className.toString().split(' ')[0] || host.tagName.toLowerCase() : 'page';
    };
    const out: { text: string; where: string; x: number; y: number; w: number; h: number; node: number }[] = [];
    let node = 0;
    const add = (el: Element, text: string, rects: Iterable<DOMRect>) => {
      node++;
      const clip = clipOf(el);
      if (!clip) return;
      for (const r of rects) {
        const b = intersect({ x: r.x, y: r.y, w: r.width, h: r.height }, clip);
        if (b && !covered(el, b)) out.push({ text: text.trim().replace(/\s+/g, ' ').slice(0, 60), where: whereOf(el), ...b, node });
      }
    };
    for (const t of document.querySelectorAll('svg text')) {
      if (hidden(t) || t.textContent?.trim() === '') continue;
      add(t, t.textContent ?? '', [t.getBoundingClientRect()]);
    }
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const parent = n.parentElement;
      if (!parent || !n.nodeValue?.trim() || parent.closest('svg') || hidden(parent)) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      add(parent, n.nodeValue, range.getClientRects());
    }
    return out;
  });
}

/** Pairs of labels from different nodes that overlap by more than `minArea` px². */
export function overlaps(labels: Label[], minArea = 4): Overlap[] {
  const found: Overlap[] = [];
  for (let i = 0; i < labels.length; i++) {
    for (let j = i + 1; j < labels.length; j++) {
      const a = labels[i];
      const b = labels[j];
      if (a.node === b.node) continue;
      const w = Math.min(a.x + a.w, b.x + b.w) - Math.max(a.x, b.x);
      const h = Math.min(a.y + a.h, b.y + b.h) - Math.max(a.y, b.y);
      if (w > 0 && h > 0 && w * h > minArea) found.push({ a, b, area: Math.round(w * h) });
    }
  }
  return found;
}

/** "“3k” (metrics) overlaps “step” (metrics) by 38 px²", one line per pair. */
export function describeOverlaps(found: Overlap[]): string[] {
  return found.map(({ a, b, area }) => `“${a.text}” (${a.where}) overlaps “${b.text}” (${b.where}) by ${area} px²`);
}
