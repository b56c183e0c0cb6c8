/**
 * Where the final codes started (claim 1): the distribution of d_0 over all code locations
 * (hatched grey) against over the final code locations (solid blue), as shares so two very
 * different totals compare, with the count on every bar.
 *
 *   drawD0Histogram(svg, spec)  ── on every data or size change
 */
import * as d3 from 'd3';
import { barFrame, COLORS, countText, hatch, legend } from './barFrame';

export interface D0HistogramSpec {
  width: number;
  height: number;
  /** Presentation mode: the legend grows with the CSS-enlarged text. Default 1. */
  scale?: number;
  /** [k + 1] count of all code locations at each d_0. */
  all: readonly number[];
  /** [k + 1] count of final code locations at each d_0. */
  finalCodes: readonly number[];
}

type Key = 'all' | 'final';

export function drawD0Histogram(svg: SVGSVGElement, spec: D0HistogramSpec): void {
  const { defs, g, w, h } = barFrame(svg, spec.width, spec.height);
  const ds = d3.range(spec.all.length);
  const totals: Record<Key, number> = { all: d3.sum(spec.all), final: d3.sum(spec.finalCodes) };
  const counts: Record<Key, readonly number[]> = { all: spec.all, final: spec.finalCodes };
  const share = (key: Key, d: number) => (totals[key] > 0 ? (counts[key][d] ?? 0) / totals[key] : 0);
  const x = d3.scaleBand<number>().domain(ds).range([0, w]).padding(0.25);
  const inner = d3.scaleBand<Key>().domain(['all', 'final']).range([0, x.bandwidth()]).padding(0.08);
  const yMax = Math.max(0.05, ...ds.map((d) => Math.max(share('all', d), share('final', d))));
  const y = d3.scaleLinear().domain([0, yMax]).range([h, 12]).nice(); // 12 px of headroom for the top count
  const allFill = hatch(svg, defs, 'all', COLORS.allLocations);

  g.append('g').attr('transform', `translate(0,${h})`).call(d3.axisBottom(x).tickSizeOuter(0));
  g.append('g').call(d3.axisLeft(y).ticks(Math.max(2, Math.floor(h / 30)), '.0%'));
  g.append('text')
    .attr('class', 'axis-label')
    .attr('x', w)
    .attr('y', h + 33)
    .attr('text-anchor', 'end')
    .text('d₀: literals off the clause’s template at init');
  g.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', -14).attr('dy', '0.7em').text('share of each series');
  legend(
    g,
    [
      { label: `all locations (${totals.all})`, fill: allFill, stroke: COLORS.allLocations },
      { label: `final codes (${totals.final})`, fill: COLORS.finalCodes, stroke: COLORS.finalCodes },
    ],
    w,
    spec.scale,
  );

  const series: { key: Key; fill: string; stroke: string }[] = [
    { key: 'all', fill: allFill, stroke: COLORS.allLocations },
    { key: 'final', fill: COLORS.finalCodes, stroke: COLORS.finalCodes },
  ];
  const bw = inner.bandwidth();
  const groups = g
    .selectAll<SVGGElement, number>('g.d0')
    .data(ds)
    .join('g')
    .attr('class', 'd0')
    .attr('transform', (d) => `translate(${x(d) ?? 0},0)`);
  for (const s of series) {
    if (totals[s.key] === 0) continue;
    const bx = inner(s.key) ?? 0;
    groups
      .append('rect')
      .attr('class', `bar ${s.key}`)
      .attr('x', bx)
      .attr('y', (d) => y(share(s.key, d)))
      .attr('width', bw)
      .attr('height', (d) => h - y(share(s.key, d)))
      .style('fill', s.fill)
      .style('stroke', s.stroke);
    groups
      .append('text')
      .attr('class', 'bar-label')
      .attr('x', bx + bw / 2)
      .attr('y', (d) => y(share(s.key, d)) - 3)
      .attr('text-anchor', 'middle')
      .text((d) => countText(counts[s.key][d] ?? 0, bw));
  }
  if (totals.final === 0) {
    g.append('text')
      .attr('class', 'bar-label muted-label')
      .attr('x', w / 2)
      .attr('y', h / 3)
      .attr('text-anchor', 'middle')
      .text('no final codes yet');
  }
}
