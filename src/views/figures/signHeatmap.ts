/**
 * Canvas renderer for a weight matrix coloured by sign category (SPEC 4): blue for +, vermillion
 * for −, grey for 0, with the strength of the colour from |w| / σ_row. Marked columns (a
 * clause's inputs) get a tick above the grid; a highlighted row gets an outline.
 */
import { canvasPalette } from '../palette';

export interface SignHeatmapSpec {
  /** [rows * cols] row-major weights. */
  W: ArrayLike<number>;
  /** [rows * cols] sign categories −1/0/+1 of the same weights. */
  signs: Int8Array;
  /** [rows] row scales σ. */
  scales: ArrayLike<number>;
  rows: number;
  cols: number;
  cell: number;
  /** Number of clauses using each column (0 = none). [cols] */
  columnMarks: ArrayLike<number>;
  highlightRow: number | null;
  /** Columns to outline (the selected clause's inputs). */
  highlightCols: readonly number[];
  /** [rows * cols] 1 = kept, 0 = pruned (drawn blank with a thin outline); null = dense. */
  mask: Uint8Array | null;
}

export const HEATMAP_MARGIN = { top: 14, left: 28 };

export function heatmapSize(spec: Pick<SignHeatmapSpec, 'rows' | 'cols' | 'cell'>) {
  return { width: HEATMAP_MARGIN.left + spec.cols * spec.cell + 2, height: HEATMAP_MARGIN.top + spec.rows * spec.cell + 2 };
}

const mixCache = new Map<string, string>();

/** `hex` faded toward the paper colour by strength t in [0, 1], in 32 steps (cached: no string per cell). */
function mix(hex: string, paper: string, t: number): string {
  const q = Math.round(Math.min(1, Math.max(0, t)) * 32);
  const key = `${hex}${paper}${q}`;
  let out = mixCache.get(key);
  if (out === undefined) {
    out = mixExact(hex, paper, q / 32);
    mixCache.set(key, out);
  }
  return out;
}

const channels = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));

function mixExact(hex: string, paper: string, t: number): string {
  const from = channels(paper);
  const k = 0.25 + 0.75 * Math.min(1, Math.max(0, t));
  const [r, g, b] = channels(hex).map((v, i) => Math.round(from[i] + (v - from[i]) * k));
  return `rgb(${r},${g},${b})`;
}

export function drawSignHeatmap(canvas: HTMLCanvasElement, spec: SignHeatmapSpec): void {
  const { rows, cols, cell, W, signs, scales } = spec;
  const { width, height } = heatmapSize(spec);
  const dpr = typeof window !== 'undefined' ? window.devicePixelRatio || 1 : 1;
  if (canvas.width !== Math.round(width * dpr)) canvas.width = Math.round(width * dpr);
  if (canvas.height !== Math.round(height * dpr)) canvas.height = Math.round(height * dpr);
  canvas.style.width = `${width}px`;
  canvas.style.height = `${height}px`;
  const ctx = canvas.getContext('2d');
  if (!ctx) return;
  ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
  ctx.clearRect(0, 0, width, height);
  const { top, left } = HEATMAP_MARGIN;
  const P = canvasPalette();
  ctx.font = `${Math.min(10, cell - 2)}px system-ui, sans-serif`;
  ctx.textAlign = 'center';
  ctx.textBaseline = 'middle';
  for (let i = 0; i < cols; i++) {
    if (spec.columnMarks[i] > 0) {
      ctx.fillStyle = P.clauseInput;
      ctx.fillRect(left + i * cell + 1, top - 6, cell - 2, 4);
    }
  }
  for (let j = 0; j < rows; j++) {
    const s = scales[j] || 1;
    for (let i = 0; i < cols; i++) {
      const v = W[j * cols + i];
      const cat = signs[j * cols + i];
      const x = left + i * cell;
      const y = top + j * cell;
      if (spec.mask && !spec.mask[j * cols + i]) {
        ctx.strokeStyle = P.pruned;
        ctx.lineWidth = 1;
        ctx.strokeRect(x + 0.5, y + 0.5, cell - 2, cell - 2);
        continue;
      }
      ctx.fillStyle = cat > 0 ? mix(P.positive, P.paper, Math.abs(v) / s) : cat < 0 ? mix(P.negative, P.paper, Math.abs(v) / s) : P.zero;
      ctx.fillRect(x, y, cell - 1, cell - 1);
      if (cell >= 11 && cat !== 0) {
        ctx.fillStyle = Math.abs(v) / s > 0.6 ? P.onStrong : P.ink;
        ctx.fillText(cat > 0 ? '+' : '−', x + (cell - 1) / 2, y + (cell - 1) / 2 + 0.5);
      }
    }
  }
  ctx.fillStyle = P.muted;
  ctx.textAlign = 'right';
  for (let j = 0; j < rows; j++) {
    if (rows <= 32 || j % 4 === 0) ctx.fillText(String(j), left - 4, top + j * cell + cell / 2);
  }
  ctx.strokeStyle = P.clauseInput;
  ctx.lineWidth = 2;
  for (const i of spec.highlightCols) if (i < cols) ctx.strokeRect(left + i * cell - 1, top - 1, cell + 1, rows * cell + 1);
  if (spec.highlightRow !== null && spec.highlightRow < rows) {
    ctx.strokeStyle = P.ink;
    ctx.lineWidth = 2;
    ctx.strokeRect(left - 1, top + spec.highlightRow * cell - 1, cols * cell + 1, cell + 1);
  }
}
