/**
 * What the two "accuracy against sparsity" charts share (the lottery lab's and the probe
 * comparison's): the plot frame with percentage axes and a key above it, horizontal reference
 * lines, one series drawn as a min–max band, a mean line and point symbols, and end labels
 * spread so they never sit on each other.
 */
import * as d3 from 'd3';
import { PALETTE } from '../palette';
import { textWidth } from './textWidth';

export interface AccuracyPoint {
  sparsity: number;
  balancedAccuracy: { mean: number; min: number; max: number };
}

export interface SeriesStyle {
  color: string;
  dash: string;
  symbol: d3.SymbolType;
}

type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export interface AccuracyFrame {
  g: G;
  x: d3.ScaleLinear<number, number>;
  y: d3.ScaleLinear<number, number>;
  w: number;
  h: number;
}

/** A reference line named in the key above the plot (the key keeps its words off the plot). */
export interface KeyItem {
  label: string;
  dash: string;
}

const KEY_ROW = 16;
const SAMPLE = 22;

/** Places the key's items left to right from x0, wrapping at `width`; returns each item's row and x, and the rows. */
function layoutKey(items: readonly KeyItem[], x0: number, width: number, s: number) {
  let row = 0;
  let x = x0;
  const placed = items.map((item) => {
    const w = (SAMPLE + 4 + textWidth(item.label)) * s;
    if (x > x0 && x + w > x0 + width) {
      row++;
      x = x0;
    }
    const at = { item, row, x };
    x += w + 16 * s;
    return at;
  });
  return { placed, rows: items.length === 0 ? 0 : row + 1 };
}

/**
 * Clears `svg` and draws the axes; the x domain covers [xMin, xMax] and every point. Above the
 * plot: the key (one row per what fits) and the y title; under it the x ticks, then the x title.
 */
export function accuracyFrame(
  svg: SVGSVGElement,
  spec: { width: number; height: number; right: number; xMin: number; xMax: number; xLabel: string; points: readonly AccuracyPoint[]; keys?: readonly KeyItem[]; scale?: number },
): AccuracyFrame {
  const s = spec.scale ?? 1;
  const left = 46 * s;
  const key = layoutKey(spec.keys ?? [], 2 * s, spec.width - 4 * s, s);
  const keyH = key.rows * KEY_ROW * s;
  const M = { top: keyH + 22 * s, right: spec.right * s, bottom: 40 * s, left };
  const w = Math.max(10, spec.width - M.left - M.right);
  const h = Math.max(10, spec.height - M.top - M.bottom);
  const root = d3.select(svg).attr('width', spec.width).attr('height', spec.height).attr('viewBox', `0 0 ${spec.width} ${spec.height}`);
  root.selectAll('*').remove();
  for (const { item, row, x } of key.placed) {
    const y = (row + 0.5) * KEY_ROW * s + 2 * s;
    const k = root.append('g').attr('class', 'key');
    k.append('line')
      .attr('x1', x)
      .attr('x2', x + SAMPLE * s)
      .attr('y1', y)
      .attr('y2', y)
      .style('stroke', PALETTE.ink)
      .attr('stroke-dasharray', item.dash);
    k.append('text')
      .attr('class', 'axis-label')
      .attr('x', x + (SAMPLE + 4) * s)
      .attr('y', y)
      .attr('dy', '0.35em')
      .text(item.label);
  }
  const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`) as G;
  const xs = spec.points.map((p) => p.sparsity);
  const x = d3
    .scaleLinear()
    .domain([Math.min(spec.xMin, ...xs), Math.max(spec.xMax, ...xs)])
    .range([0, w]);
  const lows = spec.points.map((p) => p.balancedAccuracy.min).filter(Number.isFinite);
  const y = d3
    .scaleLinear()
    .domain([Math.min(0.5, ...lows) - 0.02, 1])
    .range([h, 0])
    .nice();
  g.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(6, '.0%'));
  g.append('g').call(d3.axisLeft(y).ticks(6, '.0%'));
  g.append('text')
    .attr('class', 'axis-label')
    .attr('x', w)
    .attr('y', h + 34 * s)
    .attr('text-anchor', 'end')
    .text(spec.xLabel);
  g.append('text')
    .attr('class', 'axis-label')
    .attr('x', -M.left + 2 * s)
    .attr('y', -10 * s)
    .text('retrained balanced accuracy');
  return { g, x, y, w, h };
}

/** A horizontal line across the plot at accuracy `v` (named in the key). */
export function referenceLine(f: AccuracyFrame, v: number, dash: string): void {
  f.g.append('line').attr('x1', 0).attr('x2', f.w).attr('y1', f.y(v)).attr('y2', f.y(v)).style('stroke', PALETTE.ink).attr('stroke-dasharray', dash);
}

/** Label positions at least `gap` px apart: in order of y, each pushed down off the one above it. */
export function spread(ys: readonly number[], gap: number): number[] {
  const order = ys.map((y, i) => ({ y, i })).sort((a, b) => a.y - b.y || a.i - b.i);
  for (let k = 1; k < order.length; k++) order[k].y = Math.max(order[k].y, order[k - 1].y + gap);
  const out: number[] = [];
  for (const o of order) out[o.i] = o.y;
  return out;
}

/** One series: band from min to max, mean line, a symbol at each point (sorted by sparsity). */
export function drawSeries(f: AccuracyFrame, points: readonly AccuracyPoint[], style: SeriesStyle, opts: { bandOpacity: number; width: number; symbolSize: number }): void {
  const { g, x, y } = f;
  const pts = [...points].sort((a, b) => a.sparsity - b.sparsity);
  const area = d3
    .area<AccuracyPoint>()
    .x((p) => x(p.sparsity))
    .y0((p) => y(p.balancedAccuracy.min))
    .y1((p) => y(p.balancedAccuracy.max));
  g.append('path').datum(pts).attr('d', area).style('fill', style.color).attr('opacity', opts.bandOpacity);
  const line = d3
    .line<AccuracyPoint>()
    .x((p) => x(p.sparsity))
    .y((p) => y(p.balancedAccuracy.mean));
  g.append('path').datum(pts).attr('d', line).attr('fill', 'none').style('stroke', style.color).attr('stroke-width', opts.width).attr('stroke-dasharray', style.dash);
  g.selectAll(null)
    .data(pts)
    .join('path')
    .attr('transform', (p) => `translate(${x(p.sparsity)},${y(p.balancedAccuracy.mean)})`)
    .attr('d', d3.symbol(style.symbol, opts.symbolSize)())
    .style('fill', style.color);
}
