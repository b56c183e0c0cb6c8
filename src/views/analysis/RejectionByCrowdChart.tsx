/**
 * Rejection rate of precursors by how crowded their row was at init (claim 2), with the
 * counts on every bar and an honest caption either way. Plain props; the parent wires the store.
 */
import { useEffect, useRef } from 'react';
import type { CrowdBucket } from '../../engine/analysis/runAnalysis';
import { rejectionCaption, rejectionLabel } from '../figures/analysisText';
import { rejectionTable } from '../figures/analysisTables';
import { drawRejectionChart } from '../figures/rejectionChart';
import { toCsv } from '../csv';
import { FigureMenu } from '../FigureMenu';
import { useWidth } from '../useWidth';
import { DataTableSrOnly } from './DataTableSrOnly';

export interface RejectionByCrowdChartProps {
  /** Buckets crowd_0 = 1, 2, 3+ in that order; rate is rejected / precursors (NaN if empty). */
  buckets: CrowdBucket[];
}

export function RejectionByCrowdChart({ buckets }: RejectionByCrowdChartProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 320);
  useEffect(() => {
    if (svg.current) drawRejectionChart(svg.current, { width, height: 200, buckets });
  }, [width, buckets]);
  return (
    <figure className="analysis-figure" data-testid="rejection-chart">
      <FigureMenu
        label="Rejection by crowding"
        file="rejection-by-crowding"
        csv={() =>
          toCsv(
            ['crowd0', 'precursors', 'rejected', 'rejectionRate'],
            buckets.map((b) => [b.label, b.precursors, b.rejected, b.rate]),
          )
        }
      />
      <div ref={wrap} className="chart">
        <svg ref={svg} role="img" aria-label={rejectionLabel(buckets)} />
      </div>
      <figcaption>{rejectionCaption(buckets)}</figcaption>
      <DataTableSrOnly caption="Precursors and rejections by crowding at init" table={rejectionTable(buckets)} />
    </figure>
  );
}
