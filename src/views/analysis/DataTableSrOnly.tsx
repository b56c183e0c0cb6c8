/**
 * The numbers behind a figure's marks as a real <table>, hidden from sight but read by screen
 * readers (the "sr-only" class), so no number lives only in the picture. The class sits on a
 * wrapping <div> because a table ignores width and overflow and would still widen the page.
 */
import type { DataTable } from '../figures/analysisTables';

export function DataTableSrOnly({ caption, table }: { caption: string; table: DataTable }) {
  return (
    <div className="sr-only">
      <table>
        <caption>{caption}</caption>
        <thead>
          <tr>
            {table.head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {table.rows.map((row, i) => (
            <tr key={i}>
              {row.map((cell, c) =>
                c === 0 ? (
                  <th key={c} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={c}>{cell}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
