/**
 * Where the final codes started (claim 1): shares of d_0 over all code locations against over
 * the final codes, counts on the bars. Plain props; the parent wires the store.
 */
import { useEffect, useRef } from 'react';
import { d0HistogramCaption, d0HistogramLabel } from '../figures/analysisText';
import { d0Table } from '../figures/analysisTables';
import { drawD0Histogram } from '../figures/d0HistogramChart';
import { toCsv } from '../csv';
import { FigureMenu } from '../FigureMenu';
import { useFigureScale } from '../useFigureScale';
import { useWidth } from '../useWidth';
import { DataTableSrOnly } from './DataTableSrOnly';

export interface D0HistogramChartProps {
  /** [k + 1] count of all code locations (row, clause) at each d_0 = 0..k. */
  all: number[];
  /** [k + 1] count of final code locations at each d_0. */
  finalCodes: number[];
}

export function D0HistogramChart({ all, finalCodes }: D0HistogramChartProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 320);
  const scale = useFigureScale();
  useEffect(() => {
    if (svg.current) drawD0Histogram(svg.current, { width, height: 200 * scale, all, finalCodes, scale });
  }, [width, all, finalCodes, scale]);
  return (
    <figure className="analysis-figure" data-testid="d0-histogram">
      <FigureMenu
        label="Initial distance d₀"
        file="d0-histogram"
        csv={() =>
          toCsv(
            ['d0', 'allLocations', 'finalCodes'],
            all.map((count, d) => [d, count, finalCodes[d] ?? 0]),
          )
        }
      />
      <div ref={wrap} className="chart">
        <svg ref={svg} role="img" aria-label={d0HistogramLabel(all, finalCodes)} />
      </div>
      <figcaption>{d0HistogramCaption(all, finalCodes)}</figcaption>
      <DataTableSrOnly caption="Initial distance d₀ of all code locations and of the final codes" table={d0Table(all, finalCodes)} />
    </figure>
  );
}
