/**
 * Canvas renderer of the feature-space view: one small "target" plot per clause. The clause's
 * code (its template on its inputs) is the centre; every hidden row j is a mark at angle
 * 2πj/m (fixed, so a row keeps its place) and radius proportional to its continuous distance
 * d̃(j,c) to that code. Marks carry the outcome by shape as well as colour:
 *
 *   ● converged precursor   ✕ rejected precursor   ◆ recruited code   · other location
 *   ○ ring: a code at the shown step     □ square: an inhibitory code at the shown step
 *   dashed ring: a location the selected lottery ticket's mask supports
 *   △ triangle: a "will converge" guess (predict, then reveal)
 *
 * `scale` (presentation mode) zooms the whole drawing: plots, marks, strokes and labels grow
 * together, and fewer plots fit in a row.
 *
 * Plain data in (positions already interpolated by the caller), pixels out; returns where each
 * mark was drawn so the caller can hit-test the pointer.
 */
import { canvasPalette, type ColorRole } from '../palette';

type Colors = Record<ColorRole, string>;

export const OUTCOME_NONE = 0;
export const OUTCOME_CONVERGED = 1;
export const OUTCOME_REJECTED = 2;
export const OUTCOME_RECRUITED = 3;

export interface TargetPlotsSpec {
  m: number;
  K: number;
  /** Literals per clause: the radius scale runs from d̃ = 0 to 2k. */
  k: number;
  /** CSS width of the canvas; plots are laid out in a grid that fits it. */
  width: number;
  /** CSS height the grid must fit in too (the embed); undefined = grows with K. */
  maxHeight?: number;
  /** [m * K] (index j * K + c): continuous distances to draw. */
  dTilde: ArrayLike<number>;
  /** [m * K]: bit 1 = code, bit 2 = inhibitory code, at the shown step. */
  flags: ArrayLike<number>;
  /** [m * K]: OUTCOME_* of each location (final or provisional). */
  outcome: ArrayLike<number>;
  clauseLabels: string[];
  highlightRow: number | null;
  highlightClause: number | null;
  /** [m * K]: 1 where a selected ticket's mask supports the location (drawn as a dashed ring); null = none. */
  supported: Uint8Array | null;
  /** Locations j * K + c guessed to converge (drawn as triangles); default none. */
  guesses?: readonly number[];
  /** Zoom of plots, marks, strokes and text (presentation mode); default 1. */
  scale?: number;
}

export interface Layout {
  cols: number;
  cell: number;
  height: number;
}

const LABEL_H = 16;

/** The smallest plot worth drawing when the grid must fit a height (the embed). */
export const MIN_CELL = 40;

/** The largest plot on the page (a wide screen with few clauses would otherwise draw them huge). */
const MAX_CELL = 180;

/**
 * The grid of plots: rows of at least ~118 px plots, as many to a row as the width takes but
 * spread evenly over the rows (12 in two rows of 6, not 10 and 2), each at most MAX_CELL; or,
 * given `maxHeight`, the number of columns that gives the largest plots fitting both the width
 * and the height.
 */
export function targetLayout(width: number, K: number, maxHeight?: number): Layout {
  if (maxHeight === undefined) {
    const widest = Math.max(1, Math.min(K, Math.floor(width / 118)));
    const cols = Math.ceil(K / Math.ceil(K / widest));
    const cell = Math.min(MAX_CELL, Math.floor(width / cols));
    return { cols, cell, height: Math.ceil(K / cols) * (cell + LABEL_H) };
  }
  let best = { cols: 1, cell: 0 };
  for (let cols = 1; cols <= K; cols++) {
    const rows = Math.ceil(K / cols);
    const cell = Math.floor(Math.min(width / cols, maxHeight / rows - LABEL_H, 180));
    if (cell > best.cell) best = { cols, cell };
  }
  const cell = Math.max(MIN_CELL, best.cell);
  return { cols: best.cols, cell, height: Math.ceil(K / best.cols) * (cell + LABEL_H) };
}

/** Centre and radius of the plot of clause c, and the position of row j in it at distance dt. */
export function markPosition(layout: Layout, m: number, k: number, c: number, j: number, dt: number) {
  const col = c % layout.cols;
  const row = Math.floor(c / layout.cols);
  const cx = col * layout.cell + layout.cell / 2;
  const cy = row * (layout.cell + LABEL_H) + LABEL_H + layout.cell / 2;
  const R = layout.cell / 2 - 7;
  const frac = 0.08 + (0.92 * Math.min(Math.max(dt, 0), 2 * k)) / (2 * k);
  const angle = -Math.PI / 2 + (2 * Math.PI * j) / m;
  return { cx, cy, R, x: cx + R * frac * Math.cos(angle), y: cy + R * frac * Math.sin(angle) };
}

export function drawTargetPlots(canvas: HTMLCanvasElement, spec: TargetPlotsSpec): Float32Array {
  const { m, K, k } = spec;
  const zoom = spec.scale ?? 1;
  // Laid out in zoomed units: a zoom of 1.5 lays out a grid 1/1.5 as wide and draws it 1.5× larger.
  const layout = targetLayout(spec.width / zoom, K, spec.maxHeight === undefined ? undefined : spec.maxHeight / zoom);
  const dpr = window.devicePixelRatio || 1;
  const w = Math.round(spec.width * dpr);
  const h = Math.round(layout.height * zoom * dpr);
  if (canvas.width !== w) canvas.width = w;
  if (canvas.height !== h) canvas.height = h;
  canvas.style.width = `${spec.width}px`;
  canvas.style.height = `${layout.height * zoom}px`;
  const ctx = canvas.getContext('2d');
  const points = new Float32Array(m * K * 2);
  if (!ctx) return points;
  ctx.setTransform(dpr * zoom, 0, 0, dpr * zoom, 0, 0);
  ctx.clearRect(0, 0, spec.width / zoom, layout.height);
  const guessed = new Set(spec.guesses ?? []);
  const P = canvasPalette();
  ctx.font = '11px system-ui, sans-serif';
  for (let c = 0; c < K; c++) {
    const { cx, cy, R } = markPosition(layout, m, k, c, 0, 0);
    const selected = spec.highlightClause === c;
    // Rings at whole distances, the centre cross is the code itself.
    ctx.strokeStyle = P.grid;
    ctx.lineWidth = 1;
    for (let ring = 1; ring <= 2 * k; ring++) {
      ctx.beginPath();
      ctx.arc(cx, cy, R * (0.08 + (0.92 * ring) / (2 * k)), 0, 2 * Math.PI);
      ctx.stroke();
    }
    ctx.strokeStyle = P.ring;
    ctx.beginPath();
    ctx.arc(cx, cy, R * (0.08 + (0.92 * k) / (2 * k)), 0, 2 * Math.PI);
    ctx.stroke();
    ctx.strokeStyle = P.ink;
    ctx.beginPath();
    ctx.moveTo(cx - 4, cy);
    ctx.lineTo(cx + 4, cy);
    ctx.moveTo(cx, cy - 4);
    ctx.lineTo(cx, cy + 4);
    ctx.stroke();
    ctx.fillStyle = selected ? P.ink : P.muted;
    ctx.font = selected ? 'bold 11px system-ui, sans-serif' : '11px system-ui, sans-serif';
    ctx.textAlign = 'center';
    ctx.fillText(spec.clauseLabels[c] ?? `c${c}`, cx, cy - R - 6, layout.cell - 4);
    if (selected) {
      ctx.strokeStyle = P.ink;
      ctx.lineWidth = 2;
      ctx.strokeRect(cx - layout.cell / 2 + 1, cy - R - LABEL_H - 2, layout.cell - 2, layout.cell + LABEL_H - 2);
    }
  }
  // Ordinary locations first, outcomes on top, so the interesting marks are never hidden.
  for (const pass of [0, 1]) {
    for (let c = 0; c < K; c++) {
      for (let j = 0; j < m; j++) {
        const at = j * K + c;
        const outcome = spec.outcome[at];
        if ((outcome !== OUTCOME_NONE) !== (pass === 1)) continue;
        const p = markPosition(layout, m, k, c, j, spec.dTilde[at]);
        points[2 * at] = p.x * zoom;
        points[2 * at + 1] = p.y * zoom;
        drawMark(ctx, P, p.x, p.y, outcome, spec.flags[at], spec.highlightRow === j);
        if (spec.supported?.[at]) drawSupported(ctx, P, p.x, p.y);
        if (guessed.has(at)) drawGuess(ctx, P, p.x, p.y);
      }
    }
  }
  return points;
}

/** A dashed ring: the selected ticket's mask keeps this location's whole clause code. */
function drawSupported(ctx: CanvasRenderingContext2D, P: Colors, x: number, y: number) {
  ctx.save();
  ctx.strokeStyle = P.ink;
  ctx.lineWidth = 1;
  ctx.setLineDash([2, 2]);
  ctx.beginPath();
  ctx.arc(x, y, 9.5, 0, 2 * Math.PI);
  ctx.stroke();
  ctx.restore();
}

/** A hollow triangle around the mark: someone guessed this location will converge. */
function drawGuess(ctx: CanvasRenderingContext2D, P: Colors, x: number, y: number) {
  ctx.save();
  ctx.strokeStyle = P.ink;
  ctx.lineWidth = 1.6;
  ctx.beginPath();
  ctx.moveTo(x, y - 11);
  ctx.lineTo(x + 9.5, y + 6.5);
  ctx.lineTo(x - 9.5, y + 6.5);
  ctx.closePath();
  ctx.stroke();
  ctx.restore();
}

function drawMark(ctx: CanvasRenderingContext2D, P: Colors, x: number, y: number, outcome: number, flags: number, highlighted: boolean) {
  if (outcome === OUTCOME_CONVERGED) {
    ctx.fillStyle = P.positive;
    ctx.beginPath();
    ctx.arc(x, y, 3.5, 0, 2 * Math.PI);
    ctx.fill();
  } else if (outcome === OUTCOME_REJECTED) {
    ctx.strokeStyle = P.negative;
    ctx.lineWidth = 2;
    ctx.beginPath();
    ctx.moveTo(x - 3, y - 3);
    ctx.lineTo(x + 3, y + 3);
    ctx.moveTo(x + 3, y - 3);
    ctx.lineTo(x - 3, y + 3);
    ctx.stroke();
  } else if (outcome === OUTCOME_RECRUITED) {
    ctx.fillStyle = P.exact;
    ctx.beginPath();
    ctx.moveTo(x, y - 4.5);
    ctx.lineTo(x + 4.5, y);
    ctx.lineTo(x, y + 4.5);
    ctx.lineTo(x - 4.5, y);
    ctx.closePath();
    ctx.fill();
  } else {
    ctx.fillStyle = P.dot;
    ctx.fillRect(x - 1, y - 1, 2, 2);
  }
  if (flags & 1) {
    ctx.strokeStyle = P.ink;
    ctx.lineWidth = 1.2;
    ctx.beginPath();
    ctx.arc(x, y, 6, 0, 2 * Math.PI);
    ctx.stroke();
  }
  if (flags & 2) {
    ctx.strokeStyle = P.marker;
    ctx.lineWidth = 1.5;
    ctx.strokeRect(x - 5, y - 5, 10, 10);
  }
  if (highlighted) {
    ctx.strokeStyle = P.clauseInput;
    ctx.lineWidth = 2.5;
    ctx.beginPath();
    ctx.arc(x, y, 8, 0, 2 * Math.PI);
    ctx.stroke();
  }
}
