/**
 * What the two "accuracy against sparsity" charts share (the lottery lab's and the probe
 * comparison's): the plot frame with percentage axes, horizontal reference lines, and one
 * series drawn as a min–max band, a mean line and point symbols.
 */
import * as d3 from 'd3';
import { PALETTE } from '../palette';

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

/** Clears `svg` and draws the axes; the x domain covers [xMin, xMax] and every point. */
export function accuracyFrame(
  svg: SVGSVGElement,
  spec: { width: number; height: number; right: number; xMin: number; xMax: number; xLabel: string; points: readonly AccuracyPoint[]; scale?: number },
): AccuracyFrame {
  const s = spec.scale ?? 1;
  const M = { top: 10 * s, right: spec.right * s, bottom: 32 * s, left: 46 * s };
  const w = Math.max(10, spec.width - M.left - M.right);
  const h = Math.max(10, spec.height - M.top - M.bottom);
  const root = d3.select(svg).attr('width', spec.width).attr('height', spec.height).attr('viewBox', `0 0 ${spec.width} ${spec.height}`);
  root.selectAll('*').remove();
  const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`) as G;
  const xs = spec.points.map((p) => p.sparsity);
  const x = d3.scaleLinear().domain([Math.min(spec.xMin, ...xs), Math.max(spec.xMax, ...xs)]).range([0, w]);
  const lows = spec.points.map((p) => p.balancedAccuracy.min).filter(Number.isFinite);
  const y = d3.scaleLinear().domain([Math.min(0.5, ...lows) - 0.02, 1]).range([h, 0]).nice();
  g.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(6, '.0%'));
  g.append('g').call(d3.axisLeft(y).ticks(6, '.0%'));
  g.append('text').attr('class', 'axis-label').attr('x', w).attr('y', h + 28 * s).attr('text-anchor', 'end').text(spec.xLabel);
  g.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', 2).attr('dy', '0.7em').text('retrained balanced accuracy');
  return { g, x, y, w, h };
}

/** A labelled horizontal line across the plot at accuracy `v`. */
export function referenceLine(f: AccuracyFrame, v: number, dash: string, label: string): void {
  f.g.append('line').attr('x1', 0).attr('x2', f.w).attr('y1', f.y(v)).attr('y2', f.y(v)).style('stroke', PALETTE.ink).attr('stroke-dasharray', dash);
  f.g.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', f.y(v) - 3).text(label);
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
