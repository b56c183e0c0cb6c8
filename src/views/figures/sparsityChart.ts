/**
 * Accuracy against sparsity (d3, SVG): one line per method (mean over seeds) with its min–max
 * band, the dense accuracy as a solid horizontal line and the winning threshold dense − ε as a
 * dashed one. Methods differ by dash pattern and point shape, not only by colour.
 */
import * as d3 from 'd3';
import { PALETTE } from '../palette';
import type { LevelSummary } from '../lottery/summary';

export interface SparsityChartSpec {
  width: number;
  height: number;
  levels: LevelSummary[];
  dense: number;
  eps: number;
}

const STYLE = {
  ticket: { color: PALETTE.positive, dash: '', symbol: d3.symbolCircle },
  reinit: { color: PALETTE.negative, dash: '6 3', symbol: d3.symbolTriangle },
  'random-mask': { color: PALETTE.exact, dash: '2 3', symbol: d3.symbolSquare },
} as const;

export const SPARSITY_STYLE = STYLE;

const M = { top: 10, right: 14, bottom: 32, left: 46 };

export function drawSparsityChart(svg: SVGSVGElement, spec: SparsityChartSpec): void {
  const w = Math.max(10, spec.width - M.left - M.right);
  const h = Math.max(10, spec.height - M.top - M.bottom);
  const root = d3.select(svg).attr('width', spec.width).attr('height', spec.height).attr('viewBox', `0 0 ${spec.width} ${spec.height}`);
  root.selectAll('*').remove();
  const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`);
  const xs = spec.levels.map((l) => l.sparsity);
  const x = d3.scaleLinear().domain([Math.min(0.4, ...xs), Math.max(0.96, ...xs)]).range([0, w]);
  const lows = spec.levels.map((l) => l.balancedAccuracy.min).filter(Number.isFinite);
  const y = d3.scaleLinear().domain([Math.min(0.5, ...lows) - 0.02, 1.0]).range([h, 0]).nice();
  g.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(6, '.0%'));
  g.append('g').call(d3.axisLeft(y).ticks(6, '.0%'));
  g.append('text').attr('class', 'axis-label').attr('x', w).attr('y', h + 28).attr('text-anchor', 'end').text('sparsity (share of weights pruned)');
  g.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', 2).attr('dy', '0.7em').text('retrained balanced accuracy');
  const hline = (v: number, dash: string, label: string) => {
    g.append('line').attr('x1', 0).attr('x2', w).attr('y1', y(v)).attr('y2', y(v)).attr('stroke', PALETTE.ink).attr('stroke-dasharray', dash);
    g.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', y(v) - 3).text(label);
  };
  hline(spec.dense, '', `dense ${(100 * spec.dense).toFixed(1)}%`);
  hline(spec.dense - spec.eps, '4 3', `winning threshold: dense − ε (ε = ${spec.eps})`);
  for (const method of ['random-mask', 'reinit', 'ticket'] as const) {
    const pts = spec.levels.filter((l) => l.method === method).sort((a, b) => a.sparsity - b.sparsity);
    if (pts.length === 0) continue;
    const s = STYLE[method];
    const area = d3
      .area<LevelSummary>()
      .x((p) => x(p.sparsity))
      .y0((p) => y(p.balancedAccuracy.min))
      .y1((p) => y(p.balancedAccuracy.max));
    g.append('path').datum(pts).attr('d', area).attr('fill', s.color).attr('opacity', 0.15);
    const line = d3
      .line<LevelSummary>()
      .x((p) => x(p.sparsity))
      .y((p) => y(p.balancedAccuracy.mean));
    g.append('path').datum(pts).attr('d', line).attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', 2).attr('stroke-dasharray', s.dash);
    g.selectAll(null)
      .data(pts)
      .join('path')
      .attr('transform', (p) => `translate(${x(p.sparsity)},${y(p.balancedAccuracy.mean)})`)
      .attr('d', d3.symbol(s.symbol, 40)())
      .attr('fill', s.color);
  }
}
