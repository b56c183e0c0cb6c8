/**
 * Crowding per hidden row (SPEC 4): for each row j two bars side by side, crowd_0(j) (clauses
 * it was a precursor for at init, solid orange) and crowd_T(j) (clauses it codes at the end,
 * hatched blue). A highlighted row is outlined. When `onSelectRow` is given each row is a
 * button (click, or Tab then Enter/Space); keyboard focus survives a redraw.
 *
 *   drawCrowdingChart(svg, spec)  ── on every data, size, highlight or callback change
 */
import * as d3 from 'd3';
import { rowBarLabel } from './analysisText';
import { barFrame, COLORS, countText, hatch, integerTicks, legend } from './barFrame';

export interface CrowdingSpec {
  width: number;
  height: number;
  /** Presentation mode: the legend grows with the CSS-enlarged text. Default 1. */
  scale?: number;
  /** [m] clauses each row was a precursor for at init. */
  crowd0: readonly number[];
  /** [m] clauses each row codes at the end. */
  crowdT: readonly number[];
  highlightRow: number | null;
  onSelectRow?: (row: number) => void;
}

export function drawCrowdingChart(svg: SVGSVGElement, spec: CrowdingSpec): void {
  const active = svg.ownerDocument.activeElement;
  const focused = active && svg.contains(active) ? active.getAttribute('data-row') : null;
  const { defs, g, w, h } = barFrame(svg, spec.width, spec.height);
  const m = spec.crowd0.length;
  const rows = d3.range(m);
  const x = d3.scaleBand<number>().domain(rows).range([0, w]).paddingInner(0.2).paddingOuter(0.1);
  const inner = d3.scaleBand<'init' | 'end'>().domain(['init', 'end']).range([0, x.bandwidth()]).padding(0.06);
  const yMax = Math.max(1, ...spec.crowd0, ...spec.crowdT);
  const y = d3.scaleLinear().domain([0, yMax]).range([h, 12]).nice(); // 12 px of headroom for the top count
  const endFill = hatch(svg, defs, 'end', COLORS.end);

  const every = Math.max(1, Math.ceil(m / Math.max(1, Math.floor(w / 22))));
  g.append('g')
    .attr('transform', `translate(0,${h})`)
    .call(
      d3
        .axisBottom(x)
        .tickValues(rows.filter((j) => j % every === 0))
        .tickSizeOuter(0),
    );
  g.append('g').call(
    d3
      .axisLeft(y)
      .tickValues(integerTicks(y, Math.max(2, Math.floor(h / 28))))
      .tickFormat(d3.format('d')),
  );
  g.append('text')
    .attr('class', 'axis-label')
    .attr('x', w)
    .attr('y', h + 33)
    .attr('text-anchor', 'end')
    .text('hidden row');
  g.append('text').attr('class', 'axis-label').attr('x', 4).attr('y', -14).attr('dy', '0.7em').text('clauses');
  legend(
    g,
    [
      { label: 'precursor for, at init', fill: COLORS.init, stroke: COLORS.init },
      { label: 'codes, at the end', fill: endFill, stroke: COLORS.end },
    ],
    w,
    spec.scale,
  );

  const interactive = spec.onSelectRow !== undefined;
  const groups = g
    .selectAll<SVGGElement, number>('g.row')
    .data(rows)
    .join('g')
    .attr('class', interactive ? 'row selectable' : 'row')
    .attr('data-row', (j) => j)
    .attr('transform', (j) => `translate(${x(j) ?? 0},0)`);
  const highlighted = (j: number) => j === spec.highlightRow;
  groups
    .append('rect')
    .attr('class', (j) => (highlighted(j) ? 'hit highlighted' : 'hit'))
    .attr('x', -x.step() * 0.1)
    .attr('width', x.step())
    .attr('height', h)
    .attr('fill', 'transparent');
  const bars = [
    { key: 'init' as const, values: spec.crowd0, fill: COLORS.init, stroke: COLORS.init },
    { key: 'end' as const, values: spec.crowdT, fill: endFill, stroke: COLORS.end },
  ];
  const bw = inner.bandwidth();
  for (const b of bars) {
    const bx = inner(b.key) ?? 0;
    groups
      .append('rect')
      .attr('class', `bar ${b.key}`)
      .attr('x', bx)
      .attr('y', (j) => y(b.values[j] ?? 0))
      .attr('width', bw)
      .attr('height', (j) => h - y(b.values[j] ?? 0))
      .style('fill', b.fill)
      .style('stroke', (j) => (highlighted(j) ? COLORS.ink : b.stroke))
      .attr('stroke-width', (j) => (highlighted(j) ? 2.5 : 1));
    if (bw >= 9) {
      // Counts sit in their own layer, outside the row buttons: they are in each row's
      // accessible name already, and text inside a button must match its name
      // (axe: label-content-name-mismatch).
      g.append('g')
        .attr('aria-hidden', 'true')
        .selectAll('text')
        .data(rows.filter((j) => (b.values[j] ?? 0) > 0))
        .join('text')
        .attr('class', 'bar-label')
        .attr('x', (j) => (x(j) ?? 0) + bx + bw / 2)
        .attr('y', (j) => y(b.values[j]) - 3)
        .attr('text-anchor', 'middle')
        .text((j) => countText(b.values[j], bw));
    }
  }
  if (!interactive) return;
  const select = spec.onSelectRow!;
  groups
    .attr('tabindex', 0)
    .attr('role', 'button')
    .attr('aria-label', (j) => rowBarLabel(j, spec.crowd0[j], spec.crowdT[j] ?? 0))
    .attr('aria-pressed', (j) => (highlighted(j) ? 'true' : 'false'))
    .on('click', (_e, j) => select(j))
    .on('keydown', (e: KeyboardEvent, j) => {
      if (e.key !== 'Enter' && e.key !== ' ') return;
      e.preventDefault();
      select(j);
    });
  if (focused !== null)
    groups
      .filter((j) => String(j) === focused)
      .node()
      ?.focus();
}
