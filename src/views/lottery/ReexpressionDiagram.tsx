/**
 * Where each clause went after sparse retraining (SPEC 5, claim 4): dense rows on the left,
 * the ticket's rows on the right, one link per clause from each row that coded it densely to
 * each row that codes it now. Same row: solid; different row: dashed; lost: to the "no row
 * codes it" box. Counts on top; the table under it says the same per clause.
 */
import type { TicketResult } from '../../engine/labs/lotteryExperiment';
import { reexpressionCounts } from '../../engine/lottery';
import { toCsv } from '../csv';
import { FigureMenu } from '../FigureMenu';
import { PALETTE } from '../palette';
import { useFigureScale } from '../useFigureScale';

const COLOR = { 'same-row': PALETTE.positive, 'different-row': PALETTE.clauseInput, lost: PALETTE.negative } as const;
const DASH = { 'same-row': '', 'different-row': '6 3', lost: '2 3' } as const;

export function ReexpressionDiagram({ ticket, denseCodes }: { ticket: TicketResult; denseCodes: number[][] }) {
  const m = ticket.final.b1.length;
  const K = ticket.codes.length;
  const counts = reexpressionCounts(ticket.reexpression);
  const s = useFigureScale();
  const rowH = Math.max(10, Math.min(18, 360 / m)) * s;
  const height = m * rowH + 60 * s;
  const width = 440 * s;
  const yRow = (j: number) => 30 * s + j * rowH + rowH / 2;
  const lostY = height - 14 * s;
  // Room at each side for the "no dense code" and "no row codes it" labels, inside the svg.
  const left = 96 * s;
  const right = width - 112 * s;
  const links: { c: number; from: number | null; to: number | null; kind: keyof typeof COLOR }[] = [];
  ticket.reexpression.forEach((kind, c) => {
    const from = denseCodes[c].length > 0 ? denseCodes[c] : [null];
    const to = ticket.codes[c].length > 0 ? ticket.codes[c] : [null];
    for (const f of from) for (const t of to) links.push({ c, from: f, to: t, kind });
  });
  return (
    <figure className="reexpression">
      <FigureMenu
        label="Re-expression"
        file={`lottery-reexpression-${ticket.method}-kept${ticket.kept}-seed${ticket.seed}`}
        title={`Where each clause went: ${ticket.method} at ${(100 * ticket.sparsity).toFixed(1)}% sparsity, seed ${ticket.seed}`}
        step="last"
        csv={() =>
          toCsv(
            ['clause', 'denseRows', 'ticketRows', 'reexpression'],
            ticket.reexpression.map((r, c) => [c, denseCodes[c].join(' '), ticket.codes[c].join(' '), r]),
          )
        }
      />
      <p data-testid="reexpression-counts">
        Of K = {K} clauses: <strong>{counts['same-row']}</strong> on the same row, <strong>{counts['different-row']}</strong> on a different row, <strong>{counts.lost}</strong> lost.
      </p>
      <svg width={width} height={height} role="img" aria-label={`Re-expression: ${counts['same-row']} same row, ${counts['different-row']} different row, ${counts.lost} lost, of ${K} clauses.`}>
        <text x={left} y={14 * s} textAnchor="middle" className="axis-label">
          dense rows
        </text>
        <text x={right} y={14 * s} textAnchor="middle" className="axis-label">
          ticket rows
        </text>
        {links.map((l, i) => (
          <path
            key={i}
            d={`M${left},${l.from === null ? lostY : yRow(l.from)} C${(left + right) / 2},${l.from === null ? lostY : yRow(l.from)} ${(left + right) / 2},${l.to === null ? lostY : yRow(l.to)} ${l.to === null ? right : right},${l.to === null ? lostY : yRow(l.to)}`}
            fill="none"
            style={{ stroke: COLOR[l.kind] }}
            strokeWidth={1.6 * s}
            strokeDasharray={DASH[l.kind]}
            opacity={0.8}
          >
            <title>{`c${l.c}: ${l.kind}`}</title>
          </path>
        ))}
        {Array.from({ length: m }, (_, j) => (
          <g key={j}>
            <circle cx={left} cy={yRow(j)} r={3 * s} style={{ fill: PALETTE.ink }} />
            <text x={left - 8 * s} y={yRow(j) + 3 * s} textAnchor="end" className="axis-label">
              {j}
            </text>
            <circle cx={right} cy={yRow(j)} r={3 * s} style={{ fill: PALETTE.ink }} />
            <text x={right + 8 * s} y={yRow(j) + 3 * s} className="axis-label">
              {j}
            </text>
          </g>
        ))}
        <text x={left - 8 * s} y={lostY + 3 * s} textAnchor="end" className="axis-label">
          no dense code
        </text>
        <text x={right + 8 * s} y={lostY + 3 * s} className="axis-label">
          no row codes it
        </text>
      </svg>
      <figcaption className="legend">
        Solid: same row; dashed: a different row; dotted: lost. “Lost” means no single row codes the clause after retraining, not that the network gets it wrong: it may still compute it through an
        inhibitory code or across rows.
      </figcaption>
      <table className="compact">
        <caption className="sr-only">Re-expression per clause</caption>
        <thead>
          <tr>
            <th scope="col">clause</th>
            <th scope="col">dense rows</th>
            <th scope="col">ticket rows</th>
            <th scope="col">verdict</th>
          </tr>
        </thead>
        <tbody>
          {ticket.reexpression.map((r, c) => (
            <tr key={c}>
              <th scope="row">c{c}</th>
              <td>{denseCodes[c].join(', ') || '—'}</td>
              <td>{ticket.codes[c].join(', ') || '—'}</td>
              <td>{r}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}
