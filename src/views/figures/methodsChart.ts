/**
 * Retrained balanced accuracy against sparsity, one line per method (mean over seeds) with its
 * min–max band. Nine methods: each has its own colour, dash pattern and point shape, and is
 * labelled at its right end, so no method is told apart by colour alone.
 */
import * as d3 from 'd3';
import type { MethodId } from '../../engine/probeComparison';
import type { MethodLevel } from '../comparison/summary';

export const METHOD_STYLE: Record<MethodId, { color: string; dash: string; symbol: d3.SymbolType }> = {
  distance: { color: '#0072B2', dash: '', symbol: d3.symbolCircle },
  motion: { color: '#009E73', dash: '', symbol: d3.symbolDiamond },
  random: { color: '#999999', dash: '2 3', symbol: d3.symbolCross },
  'magnitude-init': { color: '#E69F00', dash: '6 3', symbol: d3.symbolSquare },
  snip: { color: '#D55E00', dash: '6 3', symbol: d3.symbolTriangle },
  grasp: { color: '#CC79A7', dash: '6 3', symbol: d3.symbolStar },
  synflow: { color: '#56B4E9', dash: '6 3', symbol: d3.symbolWye },
  oneshot: { color: '#000000', dash: '1 2', symbol: d3.symbolSquare },
  imp: { color: '#000000', dash: '', symbol: d3.symbolTriangle },
};

const M = { top: 10, right: 96, bottom: 32, left: 46 };

export function drawMethodsChart(svg: SVGSVGElement, spec: { width: number; height: number; levels: MethodLevel[]; dense: number }): void {
  const w = Math.max(10, spec.width - M.left - M.right);
  const h = Math.max(10, spec.height - M.top - M.bottom);
  const root = d3.select(svg).attr('width', spec.width).attr('height', spec.height).attr('viewBox', `0 0 ${spec.width} ${spec.height}`);
  root.selectAll('*').remove();
  const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`);
  const xs = spec.levels.map((l) => l.sparsity);
  const x = d3.scaleLinear().domain([Math.min(0.45, ...xs), Math.max(0.95, ...xs)]).range([0, w]);
  const lows = spec.levels.map((l) => l.balancedAccuracy.min).filter(Number.isFinite);
  const y = d3.scaleLinear().domain([Math.min(0.5, ...lows) - 0.02, 1]).range([h, 0]).nice();
  g.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).ticks(6, '.0%'));
  g.append('g').call(d3.axisLeft(y).ticks(6, '.0%'));
  g.append('text').attr('class', 'axis-label').attr('x', w).attr('y', h + 28).attr('text-anchor', 'end').text('sparsity');
  g.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', 2).attr('dy', '0.7em').text('retrained balanced accuracy');
  if (Number.isFinite(spec.dense)) {
    g.append('line').attr('x1', 0).attr('x2', w).attr('y1', y(spec.dense)).attr('y2', y(spec.dense)).attr('stroke', '#1b1b1b').attr('stroke-dasharray', '4 3');
    g.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', y(spec.dense) - 3).text(`dense ${(100 * spec.dense).toFixed(1)}%`);
  }
  const methods = [...new Set(spec.levels.map((l) => l.method))];
  for (const method of methods) {
    const pts = spec.levels.filter((l) => l.method === method).sort((a, b) => a.sparsity - b.sparsity);
    const s = METHOD_STYLE[method];
    const area = d3.area<MethodLevel>().x((p) => x(p.sparsity)).y0((p) => y(p.balancedAccuracy.min)).y1((p) => y(p.balancedAccuracy.max));
    g.append('path').datum(pts).attr('d', area).attr('fill', s.color).attr('opacity', 0.08);
    const line = d3.line<MethodLevel>().x((p) => x(p.sparsity)).y((p) => y(p.balancedAccuracy.mean));
    g.append('path').datum(pts).attr('d', line).attr('fill', 'none').attr('stroke', s.color).attr('stroke-width', 1.8).attr('stroke-dasharray', s.dash);
    g.selectAll(null)
      .data(pts)
      .join('path')
      .attr('transform', (p) => `translate(${x(p.sparsity)},${y(p.balancedAccuracy.mean)})`)
      .attr('d', d3.symbol(s.symbol, 36)())
      .attr('fill', s.color);
    const end = pts[pts.length - 1];
    g.append('text').attr('class', 'axis-label').attr('x', x(end.sparsity) + 8).attr('y', y(end.balancedAccuracy.mean) + 3).attr('fill', s.color).text(method);
  }
}
