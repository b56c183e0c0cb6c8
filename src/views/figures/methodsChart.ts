/**
 * Retrained balanced accuracy against sparsity, one line per method (mean over seeds) with its
 * min–max band. Nine methods: each has its own colour, dash pattern and point shape, and is
 * labelled at its right end, so no method is told apart by colour alone.
 */
import * as d3 from 'd3';
import type { MethodId } from '../../engine/labs/probeComparison';
import type { MethodLevel } from '../comparison/summary';
import { accuracyFrame, drawSeries, referenceLine } from './accuracyFrame';

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

/** `scale` (presentation mode): lines, symbols and margins grow by this factor. */
export function drawMethodsChart(svg: SVGSVGElement, spec: { width: number; height: number; levels: MethodLevel[]; dense: number; scale?: number }): void {
  const s = spec.scale ?? 1;
  const f = accuracyFrame(svg, { ...spec, right: 96, xMin: 0.45, xMax: 0.95, xLabel: 'sparsity', points: spec.levels });
  if (Number.isFinite(spec.dense)) referenceLine(f, spec.dense, '4 3', `dense ${(100 * spec.dense).toFixed(1)}%`);
  for (const method of [...new Set(spec.levels.map((l) => l.method))]) {
    const pts = spec.levels.filter((l) => l.method === method);
    const style = METHOD_STYLE[method];
    drawSeries(f, pts, style, { bandOpacity: 0.08, width: 1.8 * s, symbolSize: 36 * s * s });
    const end = pts.reduce((a, b) => (b.sparsity > a.sparsity ? b : a));
    f.g.append('text').attr('class', 'axis-label').attr('x', f.x(end.sparsity) + 8 * s).attr('y', f.y(end.balancedAccuracy.mean) + 3 * s).attr('fill', style.color).text(method);
  }
}
