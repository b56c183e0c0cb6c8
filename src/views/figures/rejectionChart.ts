/**
 * Rejection rate of precursors by how crowded their row was at init (crowd_0 = 1, 2, 3+), the
 * test of claim 2. Bars from 0 to 1, each labelled "rejected/precursors (rate)" so the sample
 * size is read with the rate; an empty bucket says "no precursors" instead of drawing a bar
 * (a missing bar must not read as a rate of 0).
 *
 *   drawRejectionChart(svg, spec)  ── on every data or size change
 */
import * as d3 from 'd3';
import type { CrowdBucket } from '../../engine/analysis/runAnalysis';
import { pct } from './analysisText';
import { BAR_MARGIN, barFrame, COLORS } from './barFrame';
import { PALETTE } from '../palette';

export interface RejectionSpec {
  width: number;
  height: number;
  buckets: readonly CrowdBucket[];
}

export function drawRejectionChart(svg: SVGSVGElement, spec: RejectionSpec): void {
  const { g, w, h } = barFrame(svg, spec.width, spec.height, { ...BAR_MARGIN, top: 22 }); // no legend row
  const x = d3
    .scaleBand<string>()
    .domain(spec.buckets.map((b) => b.label))
    .range([0, w])
    .padding(0.3);
  const y = d3.scaleLinear().domain([0, 1]).range([h, 12]); // headroom for the label of a 100% bar

  g.append('g')
    .selectAll('line')
    .data(y.ticks(4))
    .join('line')
    .attr('x2', w)
    .attr('y1', (t) => y(t))
    .attr('y2', (t) => y(t))
    .style('stroke', PALETTE.grid);
  g.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).tickSizeOuter(0));
  g.append('g').call(d3.axisLeft(y).ticks(4, '.0%'));
  g.append('text')
    .attr('class', 'axis-label')
    .attr('x', w)
    .attr('y', h + 33)
    .attr('text-anchor', 'end')
    .text('crowd₀: clauses the row was a precursor for');
  g.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', -14).attr('dy', '0.7em').text('share of precursors rejected');

  const cells = g
    .selectAll<SVGGElement, CrowdBucket>('g.bucket')
    .data(spec.buckets)
    .join('g')
    .attr('class', 'bucket')
    .attr('transform', (b) => `translate(${x(b.label) ?? 0},0)`);
  const bw = x.bandwidth();
  const full = cells.filter((b) => b.precursors > 0);
  const rate = (b: CrowdBucket) => b.rejected / b.precursors;
  full
    .append('rect')
    .attr('class', 'bar')
    .attr('y', (b) => y(rate(b)))
    .attr('width', bw)
    .attr('height', (b) => h - y(rate(b)))
    .style('fill', COLORS.rejected)
    .style('stroke', COLORS.ink)
    .attr('stroke-width', 0.5);
  full
    .append('text')
    .attr('class', 'bar-label')
    .attr('x', bw / 2)
    .attr('y', (b) => y(rate(b)) - 4)
    .attr('text-anchor', 'middle')
    .text((b) => `${b.rejected}/${b.precursors} (${pct(rate(b))})`);
  const empty = cells.filter((b) => b.precursors === 0);
  empty
    .append('rect')
    .attr('y', y(1))
    .attr('width', bw)
    .attr('height', h - y(1))
    .attr('fill', 'none')
    .style('stroke', COLORS.muted)
    .attr('stroke-dasharray', '3 3');
  const note = empty
    .append('text')
    .attr('class', 'bar-label muted-label')
    .attr('y', h / 2)
    .attr('text-anchor', 'middle');
  note
    .append('tspan')
    .attr('x', bw / 2)
    .text('no');
  note
    .append('tspan')
    .attr('x', bw / 2)
    .attr('dy', '1.2em')
    .text('precursors');
}
