/**
 * Clauses with at least one code (solid) and with at least one inhibitory code (dashed)
 * against step, 0 to K, with the marker at the viewed step: codes can form early and partly
 * dissolve later, and this is where that shows. Plain props; the parent wires the store.
 */
import { useEffect, useMemo, useRef } from 'react';
import type { TimelinePoint } from '../../engine/analysis/runAnalysis';
import { codesOverTimeCaption, codesOverTimeLabel } from '../figures/analysisText';
import { codesOverTimeTable } from '../figures/analysisTables';
import { drawLineChart, type Series } from '../figures/lineChart';
import { toCsv } from '../csv';
import { FigureMenu } from '../FigureMenu';
import { PALETTE } from '../palette';
import { useFigureScale } from '../useFigureScale';
import { useWidth } from '../useWidth';
import { DataTableSrOnly } from './DataTableSrOnly';

export interface CodesOverTimeChartProps {
  timeline: TimelinePoint[];
  /** Number of clauses: the top of the y axis. */
  K: number;
  /** Last step of the run: the right end of the x axis. */
  xMax: number;
  /** Viewed step, or null for none. */
  marker: number | null;
}

export function CodesOverTimeChart({ timeline, K, xMax, marker }: CodesOverTimeChartProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 320);
  const scale = useFigureScale();
  const series: Series[] = useMemo(
    () => [
      { name: 'coded', color: PALETTE.positive, dash: '', points: timeline.map((p) => ({ step: p.step, value: p.codedClauses })) },
      { name: 'inhibited', color: PALETTE.negative, dash: '5 3', points: timeline.map((p) => ({ step: p.step, value: p.inhibitedClauses })) },
    ],
    [timeline],
  );
  useEffect(() => {
    if (svg.current) drawLineChart(svg.current, { width, height: 200, xMax, yDomain: [0, Math.max(1, K)], yLabel: 'clauses', series, marker, integerY: true, scale });
  }, [width, xMax, K, series, marker, scale]);
  return (
    <figure className="analysis-figure" data-testid="codes-over-time">
      <FigureMenu
        label="Codes over time"
        file="codes-over-time"
        csv={() =>
          toCsv(
            ['step', 'clausesWithCode', 'clausesWithInhibitoryCode', 'codeLocations', 'inhibitoryCodeLocations'],
            timeline.map((p) => [p.step, p.codedClauses, p.inhibitedClauses, p.codes, p.inhibitoryCodes]),
          )
        }
      />
      <div ref={wrap} className="chart">
        <svg ref={svg} role="img" aria-label={codesOverTimeLabel(timeline, K, xMax)} />
      </div>
      <p className="legend">
        <span className="swatch" style={{ background: PALETTE.positive }} /> clauses with a code (solid) <span className="swatch" style={{ background: PALETTE.negative }} /> clauses with an inhibitory
        code (dashed)
      </p>
      <figcaption>{codesOverTimeCaption(timeline, K, marker)}</figcaption>
      <DataTableSrOnly caption={`Coded and inhibited clauses over training (${timeline.length} kept steps; long runs sampled evenly)`} table={codesOverTimeTable(timeline)} />
    </figure>
  );
}
