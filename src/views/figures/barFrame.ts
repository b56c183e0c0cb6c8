/**
 * What the analysis bar charts share: a cleared <svg> with a margin-translated plot group, a
 * hatch pattern (so two series differ by texture as well as colour), an in-chart legend, and
 * the series colours, all Okabe–Ito from palette.ts.
 *
 *   const { g, defs, w, h } = barFrame(svg, width, height)
 *   fill = hatch(svg, defs, 'end', COLORS.end)   -> 'url(#…)'
 */
import * as d3 from 'd3';
import { PALETTE } from '../palette';
import { textWidth } from './textWidth';

/** Series colours: init/end of crowding; rejection; all locations vs final codes. */
export const COLORS = {
  init: PALETTE.clauseInput, // orange
  end: PALETTE.positive, // blue
  rejected: PALETTE.negative, // vermillion
  allLocations: PALETTE.grey, // grey
  finalCodes: PALETTE.positive, // blue
  ink: PALETTE.ink,
  muted: PALETTE.muted,
} as const;

/** Top room: a legend row (y = -32) above the y-axis label (y = -14), then the plot. */
export const BAR_MARGIN = { top: 36, right: 8, bottom: 38, left: 40 };

type G = d3.Selection<SVGGElement, unknown, null, undefined>;

export function barFrame(svg: SVGSVGElement, width: number, height: number, margin = BAR_MARGIN) {
  const root = d3.select(svg).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  root.selectAll('*').remove();
  const defs = root.append('defs');
  const g: G = root.append('g').attr('transform', `translate(${margin.left},${margin.top})`);
  const w = Math.max(10, width - margin.left - margin.right);
  const h = Math.max(10, height - margin.top - margin.bottom);
  return { root, defs, g, w, h };
}

const ids = new WeakMap<SVGSVGElement, string>();
let nextId = 0;

/** A diagonal hatch in `color` on the paper colour, unique to this svg; returns the fill reference. */
export function hatch(svg: SVGSVGElement, defs: d3.Selection<SVGDefsElement, unknown, null, undefined>, name: string, color: string): string {
  if (!ids.has(svg)) ids.set(svg, `bars${nextId++}`);
  const id = `${ids.get(svg)}-${name}`;
  const p = defs.append('pattern').attr('id', id).attr('patternUnits', 'userSpaceOnUse').attr('width', 5).attr('height', 5).attr('patternTransform', 'rotate(45)');
  p.append('rect').attr('width', 5).attr('height', 5).style('fill', PALETTE.paper);
  p.append('line').attr('x1', 0).attr('y1', 0).attr('x2', 0).attr('y2', 5).style('stroke', color).attr('stroke-width', 2.5);
  return `url(#${id})`;
}

export interface LegendItem {
  label: string;
  fill: string;
  stroke: string;
}

/**
 * A one-line legend on its own row above the plot, right-aligned to x = w. `scale`: the
 * presentation-mode factor by which CSS enlarges the labels; swatches and gaps grow with them.
 */
export function legend(g: G, items: LegendItem[], w: number, scale = 1): void {
  const row = g
    .append('g')
    .attr('class', 'legend-marks')
    .attr('transform', `translate(0,${-32 - 11 * (scale - 1)})`);
  let x = w;
  const box = 11 * scale;
  for (const item of [...items].reverse()) {
    row
      .append('text')
      .attr('class', 'axis-label')
      .attr('y', 9 * scale)
      .attr('text-anchor', 'end')
      .attr('x', x)
      .text(item.label);
    x -= textWidth(item.label) * scale + 4 * scale;
    row
      .append('rect')
      .attr('x', x - box)
      .attr('y', 0)
      .attr('width', box)
      .attr('height', box)
      .style('fill', item.fill)
      .style('stroke', item.stroke);
    x -= 24 * scale;
  }
}

/** Text of a count on a bar: "n = 48" where it fits, else "48". */
export const countText = (n: number, barWidth: number) => (barWidth >= 34 ? `n = ${n}` : String(n));

/** Integer tick values of a count scale (no "0.5 clauses"). */
export const integerTicks = (y: d3.ScaleLinear<number, number>, count: number) => y.ticks(count).filter(Number.isInteger);
