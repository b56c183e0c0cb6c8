/**
 * Accuracy against sparsity (d3, SVG): one line per method (mean over seeds) with its min–max
 * band, the dense accuracy as a solid horizontal line and the winning threshold dense − ε as a
 * dashed one, both named in the key above the plot. Methods differ by dash pattern and point
 * shape, not only by colour.
 */
import * as d3 from 'd3';
import { PALETTE } from '../palette';
import { accuracyFrame, drawSeries, referenceLine } from './accuracyFrame';
import type { LevelSummary } from '../lottery/summary';

export interface SparsityChartSpec {
  width: number;
  height: number;
  levels: LevelSummary[];
  dense: number;
  eps: number;
  /** Presentation mode: lines, symbols and margins grow by this factor. Default 1. */
  scale?: number;
}

const STYLE = {
  ticket: { color: PALETTE.positive, dash: '', symbol: d3.symbolCircle },
  reinit: { color: PALETTE.negative, dash: '6 3', symbol: d3.symbolTriangle },
  'random-mask': { color: PALETTE.exact, dash: '2 3', symbol: d3.symbolSquare },
} as const;

export const SPARSITY_STYLE = STYLE;

export function drawSparsityChart(svg: SVGSVGElement, spec: SparsityChartSpec): void {
  const keys = [
    { label: `dense ${(100 * spec.dense).toFixed(1)}%`, dash: '' },
    { label: `winning threshold: dense − ε (ε = ${spec.eps})`, dash: '4 3' },
  ];
  const f = accuracyFrame(svg, { ...spec, right: 14, xMin: 0.4, xMax: 0.96, xLabel: 'sparsity (share of weights pruned)', points: spec.levels, keys });
  referenceLine(f, spec.dense, '');
  referenceLine(f, spec.dense - spec.eps, '4 3');
  const s = spec.scale ?? 1;
  for (const method of ['random-mask', 'reinit', 'ticket'] as const) {
    const pts = spec.levels.filter((l) => l.method === method);
    if (pts.length > 0) drawSeries(f, pts, STYLE[method], { bandOpacity: 0.15, width: 2 * s, symbolSize: 40 * s * s });
  }
}
