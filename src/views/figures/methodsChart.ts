/**
 * Retrained balanced accuracy against sparsity, one line per method (mean over seeds) with its
 * min–max band. Nine methods: each has its own colour, dash pattern and point shape, and is
 * labelled at its right end (labels spread apart where lines end close together), so no
 * method is told apart by colour alone.
 */
import * as d3 from 'd3';
import { PROBES, type DashKey, type MethodId, type SymbolKey } from '../../engine/probes/registry';
import type { MethodLevel } from '../comparison/summary';
import { METHOD_COLORS } from '../palette';
import { accuracyFrame, drawSeries, referenceLine, spread } from './accuracyFrame';

const DASHES: Record<DashKey, string> = { solid: '', dashed: '6 3', dotted: '2 3', fine: '1 2' };
const SYMBOLS: Record<SymbolKey, d3.SymbolType> = {
  circle: d3.symbolCircle,
  diamond: d3.symbolDiamond,
  cross: d3.symbolCross,
  square: d3.symbolSquare,
  triangle: d3.symbolTriangle,
  star: d3.symbolStar,
  wye: d3.symbolWye,
};

/** Each method's line and point style, from its keys in the method registry. */
export const METHOD_STYLE = Object.fromEntries(PROBES.map(({ id, style }) => [id, { color: METHOD_COLORS[style.color], dash: DASHES[style.dash], symbol: SYMBOLS[style.symbol] }])) as Record<
  MethodId,
  { color: string; dash: string; symbol: d3.SymbolType }
>;

/** `scale` (presentation mode): lines, symbols and margins grow by this factor. */
export function drawMethodsChart(svg: SVGSVGElement, spec: { width: number; height: number; levels: MethodLevel[]; dense: number; scale?: number }): void {
  const s = spec.scale ?? 1;
  const keys = Number.isFinite(spec.dense) ? [{ label: `dense ${(100 * spec.dense).toFixed(1)}%`, dash: '4 3' }] : [];
  const f = accuracyFrame(svg, { ...spec, right: 96, xMin: 0.45, xMax: 0.95, xLabel: 'sparsity', points: spec.levels, keys });
  if (Number.isFinite(spec.dense)) referenceLine(f, spec.dense, '4 3');
  const methods = [...new Set(spec.levels.map((l) => l.method))];
  const ends = methods.map((method) => {
    const pts = spec.levels.filter((l) => l.method === method);
    drawSeries(f, pts, METHOD_STYLE[method], { bandOpacity: 0.08, width: 1.8 * s, symbolSize: 36 * s * s });
    return pts.reduce((a, b) => (b.sparsity > a.sparsity ? b : a));
  });
  // Each method named at its line's right end; names that would touch are spread apart.
  const ys = spread(
    ends.map((e) => f.y(e.balancedAccuracy.mean) + 3 * s),
    12 * s,
  );
  methods.forEach((method, i) => {
    f.g
      .append('text')
      .attr('class', 'axis-label')
      .attr('x', f.x(ends[i].sparsity) + 8 * s)
      .attr('y', ys[i])
      .style('fill', METHOD_STYLE[method].color)
      .text(method);
  });
}
