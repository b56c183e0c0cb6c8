/**
 * A small d3 line chart renderer: draws series of (step, value) into an <svg>, with axes and a
 * vertical marker at the viewed step. Plain data in, SVG out; React only hands it an element.
 *
 *   drawLineChart(svg, spec)  ── on every data or size change (cheap: a few hundred points)
 */
import * as d3 from 'd3';
import { PALETTE } from '../palette';

export interface Series {
  name: string;
  color: string;
  /** Dash pattern so series differ by more than colour, e.g. '4 3'; '' for solid. */
  dash: string;
  points: readonly { step: number; value: number }[];
}

export interface LineChartSpec {
  width: number;
  height: number;
  xMax: number;
  yDomain: [number, number] | 'auto';
  yLabel: string;
  series: Series[];
  /** Step of the vertical marker, or null. */
  marker: number | null;
  logY?: boolean;
  /** Counts: exact yDomain (no rounding out) and whole-number ticks only. Default false. */
  integerY?: boolean;
  /** Presentation mode: margins, strokes and label offsets grow by this factor (CSS enlarges the text). Default 1. */
  scale?: number;
}

export function drawLineChart(svg: SVGSVGElement, spec: LineChartSpec): void {
  const { width, height } = spec;
  const s = spec.scale ?? 1;
  // Axis titles sit outside the plot, clear of the tick labels: the y title above the top
  // tick, the x title under the x ticks (so "step" never meets the last tick, "3k").
  const M = { top: 22 * s, right: 12 * s, bottom: 38 * s, left: 46 * s };
  const w = Math.max(10, width - M.left - M.right);
  const h = Math.max(10, height - M.top - M.bottom);
  const root = d3.select(svg).attr('width', width).attr('height', height).attr('viewBox', `0 0 ${width} ${height}`);
  root.selectAll('*').remove();
  const g = root.append('g').attr('transform', `translate(${M.left},${M.top})`);

  const x = d3
    .scaleLinear()
    .domain([0, Math.max(1, spec.xMax)])
    .range([0, w]);
  const all = spec.series.flatMap((s) => s.points.map((p) => p.value)).filter((v) => Number.isFinite(v) && (!spec.logY || v > 0));
  let domain: [number, number] = spec.yDomain === 'auto' ? [d3.min(all) ?? 0, d3.max(all) ?? 1] : spec.yDomain;
  if (domain[0] === domain[1]) domain = [domain[0] * 0.9, domain[1] * 1.1 + 1e-9];
  const linear = d3.scaleLinear().domain(domain).range([h, 0]);
  const y = spec.logY ? d3.scaleLog().domain(domain).range([h, 0]).clamp(true) : spec.integerY ? linear : linear.nice();
  const yTicks = Math.max(2, Math.floor(h / (30 * s)));
  const yAxis = d3.axisLeft(y).ticks(yTicks, spec.logY ? '.0e' : '.2~f');
  if (spec.integerY && !spec.logY) yAxis.tickValues(linear.ticks(yTicks).filter(Number.isInteger)).tickFormat(d3.format('d'));

  const si = d3.format('~s');
  const xAxis = d3
    .axisBottom(x)
    .ticks(Math.max(2, Math.floor(w / (70 * s))))
    .tickFormat((v) => (v === 0 ? '0' : si(v as number)));
  g.append('g').attr('transform', `translate(0,${h})`).call(xAxis);
  g.append('g').call(yAxis);
  g.append('text')
    .attr('class', 'axis-label')
    .attr('x', w)
    .attr('y', h + 33 * s)
    .attr('text-anchor', 'end')
    .text('step');
  g.append('text')
    .attr('class', 'axis-label')
    .attr('x', -M.left + 2 * s)
    .attr('y', -10 * s)
    .text(spec.yLabel);

  const line = d3
    .line<{ step: number; value: number }>()
    .defined((p) => Number.isFinite(p.value) && (!spec.logY || p.value > 0))
    .x((p) => x(p.step))
    .y((p) => y(p.value));
  for (const series of spec.series) {
    g.append('path')
      .datum(series.points)
      .attr('fill', 'none')
      .style('stroke', series.color)
      .attr('stroke-width', 1.8 * s)
      .attr('stroke-dasharray', series.dash)
      .attr('d', line);
  }
  if (spec.marker !== null) {
    g.append('line')
      .attr('class', 'marker')
      .attr('x1', x(spec.marker))
      .attr('x2', x(spec.marker))
      .attr('y1', 0)
      .attr('y2', h)
      .style('stroke', PALETTE.marker)
      .attr('stroke-width', 1.5 * s);
  }
}
