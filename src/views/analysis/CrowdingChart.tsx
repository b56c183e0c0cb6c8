/**
 * Crowding per hidden row: how many clauses each row was a precursor for at init against how
 * many it codes at the end. Plain props; the parent wires the store. Rows are buttons when
 * `onSelectRow` is given, so the SVG is then a labelled group (an img's children are hidden
 * from assistive technology) rather than an img.
 */
import { useEffect, useRef } from 'react';
import { crowdingCaption, crowdingLabel } from '../figures/analysisText';
import { crowdingTable } from '../figures/analysisTables';
import { drawCrowdingChart } from '../figures/crowdingChart';
import { toCsv } from '../csv';
import { FigureMenu } from '../FigureMenu';
import { useFigureScale } from '../useFigureScale';
import { useWidth } from '../useWidth';
import { DataTableSrOnly } from './DataTableSrOnly';

export interface CrowdingChartProps {
  /** [m] clauses each row was a precursor for at init (crowd_0). */
  crowd0: number[];
  /** [m] clauses each row codes at the end (crowd_T). */
  crowdT: number[];
  /** Row whose bars are outlined, or null. */
  highlightRow: number | null;
  /** Called with the row index when a row's bars are clicked or activated by keyboard. */
  onSelectRow?: (row: number) => void;
}

export function CrowdingChart({ crowd0, crowdT, highlightRow, onSelectRow }: CrowdingChartProps) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 480);
  const scale = useFigureScale();
  useEffect(() => {
    if (svg.current) drawCrowdingChart(svg.current, { width, height: 200 * scale, crowd0, crowdT, highlightRow, onSelectRow, scale });
  }, [scale, width, crowd0, crowdT, highlightRow, onSelectRow]);
  return (
    <figure className="analysis-figure" data-testid="crowding-chart">
      <FigureMenu
        label="Crowding per row"
        file="crowding"
        csv={() =>
          toCsv(
            ['row', 'crowd0', 'crowdT'],
            crowd0.map((c, j) => [j, c, crowdT[j] ?? 0]),
          )
        }
      />
      <div ref={wrap} className="chart">
        <svg ref={svg} role={onSelectRow ? 'group' : 'img'} aria-label={crowdingLabel(crowd0, crowdT)} />
      </div>
      <figcaption>{crowdingCaption(crowd0, crowdT)}</figcaption>
      <DataTableSrOnly caption="Clauses per hidden row, at init and at the end" table={crowdingTable(crowd0, crowdT)} />
    </figure>
  );
}
