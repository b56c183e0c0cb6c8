/**
 * The words of a figure's legends and captions, for its exported file: read from the page as
 * runs of styled text and colour swatches (each block element a paragraph), then broken into
 * lines that fit the figure's width.
 *
 *   <p class="legend"><span class="swatch"/> + above τσ …</p>
 *      ─ captionParagraphs ─▶ [[swatch, "+ above τσ …"]] ─ wrapRuns ─▶ lines of placed runs
 */

/** Never part of a figure file: the export menu itself and text only screen readers get. */
export const SKIP_SELECTOR = '.figure-menu, .sr-only';
/** Side of a colour swatch, px. */
export const SWATCH = 10;
const SWATCH_GAP = 8;

export type Run = { kind: 'text'; text: string; color: string; weight: string; italic: boolean } | { kind: 'swatch'; color: string };

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
    let gap = line.length > 0 && t.space ? (swatch ? SWATCH_GAP : measure(' ', t.run)) : 0;
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
