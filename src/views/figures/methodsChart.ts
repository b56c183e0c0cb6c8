/**
 * Retrained balanced accuracy against sparsity, one line per method (mean over seeds) with its
 * min–max band. Nine methods: each has its own colour, dash pattern and point shape, and is
 * labelled at its right end, so no method is told apart by colour alone.
 */
import * as d3 from 'd3';
import type { MethodId } from '../../engine/labs/probeComparison';
import type { MethodLevel } from '../comparison/summary';
import { accuracyFrame, drawSeries, referenceLine } from './accuracyFrame';
import { PALETTE } from '../palette';

export const METHOD_STYLE: Record<MethodId, { color: string; dash: string; symbol: d3.SymbolType }> = {
  distance: { color: PALETTE.positive, dash: '', symbol: d3.symbolCircle },
  motion: { color: PALETTE.exact, dash: '', symbol: d3.symbolDiamond },
  random: { color: PALETTE.grey, dash: '2 3', symbol: d3.symbolCross },
  'magnitude-init': { color: PALETTE.clauseInput, dash: '6 3', symbol: d3.symbolSquare },
  snip: { color: PALETTE.negative, dash: '6 3', symbol: d3.symbolTriangle },
  grasp: { color: PALETTE.marker, dash: '6 3', symbol: d3.symbolStar },
  synflow: { color: PALETTE.sky, dash: '6 3', symbol: d3.symbolWye },
  oneshot: { color: PALETTE.ink, dash: '1 2', symbol: d3.symbolSquare },
  imp: { color: PALETTE.ink, dash: '', symbol: d3.symbolTriangle },
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
    f.g.append('text').attr('class', 'axis-label').attr('x', f.x(end.sparsity) + 8 * s).attr('y', f.y(end.balancedAccuracy.mean) + 3 * s).style('fill', style.color).text(method);
  }
}
