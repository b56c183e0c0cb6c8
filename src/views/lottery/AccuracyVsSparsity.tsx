/** Accuracy against sparsity for ticket and controls, with the dense line and the ε threshold. */
import { useEffect, useRef } from 'react';
import { drawSparsityChart } from '../figures/sparsityChart';
import { FigureMenu } from '../FigureMenu';
import { useFigureScale } from '../useFigureScale';
import { useWidth } from '../useWidth';
import type { LevelSummary } from './summary';
import { METHOD_LABEL, ticketsCsv } from './summary';

export function AccuracyVsSparsity({ levels, dense, eps }: { levels: LevelSummary[]; dense: number; eps: number }) {
  const wrap = useRef<HTMLDivElement>(null);
  const svg = useRef<SVGSVGElement>(null);
  const width = useWidth(wrap, 520);
  const scale = useFigureScale();
  useEffect(() => {
    if (svg.current) drawSparsityChart(svg.current, { width, height: 280 * scale, levels, dense, eps, scale });
  }, [width, levels, dense, eps, scale]);
  const tickets = levels.filter((l) => l.method === 'ticket');
  const winning = tickets.filter((l) => l.wins === l.seeds).length;
  return (
    <figure ref={wrap} className="chart">
      <FigureMenu label="Lottery: accuracy against sparsity" file="lottery-tickets" step="last" csv={(s) => ticketsCsv(s.lottery.tickets, s.lottery.dense, s.lotteryForm.eps)} />
      <svg ref={svg} role="img" aria-label={`Retrained balanced accuracy against sparsity for ${tickets.length} pruning levels; the ticket wins at every seed at ${winning} of them.`} />
      <figcaption className="legend">
        Lines: mean over seeds; bands: min to max. Solid ● {METHOD_LABEL.ticket}; dashed ▲ {METHOD_LABEL.reinit}; dotted ■ {METHOD_LABEL['random-mask']}.
      </figcaption>
    </figure>
  );
}
