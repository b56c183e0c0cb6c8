/**
 * The numbers behind the chart: for every pruning level and method, kept weights, accuracy and
 * code recovery (mean, min–max over seeds), and how many seeds win. "Show" puts that ticket
 * (of the seed picked; the first by default) on the heatmaps and in feature space.
 */
import type { TicketResult } from '../../engine/labs/lotteryExperiment';
import { useApp } from '../storeContext';
import { useState } from 'react';
import { METHOD_LABEL, METHOD_SHORT, type LevelSummary } from './summary';

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const range = (s: LevelSummary['balancedAccuracy']) => (s.n > 1 ? ` (${pct(s.min)}–${pct(s.max)})` : '');

export function TicketTable({ levels, tickets }: { levels: LevelSummary[]; tickets: TicketResult[] }) {
  const select = useApp((s) => s.selectTicket);
  const selected = useApp((s) => s.selectedTicket);
  const [allRounds, setAllRounds] = useState(false);
  // Any seed's ticket can be shown, judged against that seed's own dense run.
  const seeds = [...new Set(tickets.map((t) => t.seed))];
  const [chosenSeed, setSeed] = useState<number | null>(null);
  const seed = chosenSeed !== null && seeds.includes(chosenSeed) ? chosenSeed : (seeds[0] ?? 0);
  const hidden = levels.filter((l) => !l.target).length;
  const shown = allRounds ? levels : levels.filter((l) => l.target);
  return (
    <div className="ticket-table-wrap">
      {hidden > 0 && (
        <label className="inline">
          <input type="checkbox" checked={allRounds} onChange={(e) => setAllRounds(e.target.checked)} /> show every IMP round ({hidden / 3} more)
        </label>
      )}
      {seeds.length > 1 && (
        <label className="inline">
          show seed{' '}
          <select value={seed} onChange={(e) => setSeed(Number(e.target.value))} aria-label="Seed whose networks the show buttons open">
            {seeds.map((x) => (
              <option key={x} value={x}>
                {x}
              </option>
            ))}
          </select>
        </label>
      )}
      <table className="compact ticket-table" data-testid="ticket-table">
        <caption className="sr-only">Retrained networks by pruning level and method</caption>
        <thead>
          <tr>
            <th scope="col">sparsity</th>
            <th scope="col">kept</th>
            <th scope="col">method</th>
            <th scope="col">balanced accuracy</th>
            <th scope="col">clauses coded</th>
            <th scope="col">wins</th>
            <th scope="col">
              <span className="sr-only">show</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {[...shown]
            .sort((a, b) => b.kept - a.kept)
            .map((l) => {
              const index = tickets.findIndex((t) => t.method === l.method && t.kept === l.kept && t.seed === seed);
              return (
                <tr key={`${l.method}-${l.kept}`} className={index === selected ? 'current' : l.target ? 'target' : undefined} data-method={l.method}>
                  <td>{pct(l.sparsity)}</td>
                  <td>{l.kept}</td>
                  <th scope="row" title={METHOD_LABEL[l.method]}>
                    {METHOD_SHORT[l.method]}
                  </th>
                  <td data-testid="ticket-accuracy">
                    {pct(l.balancedAccuracy.mean)}
                    {range(l.balancedAccuracy)}
                  </td>
                  <td>{pct(l.codeRecovery.mean)}</td>
                  <td>
                    {l.wins} of {l.seeds}
                  </td>
                  <td>
                    <button
                      type="button"
                      onClick={() => select(index)}
                      aria-pressed={index === selected}
                      aria-label={`Show the ${METHOD_LABEL[l.method]} at ${pct(l.sparsity)}${seeds.length > 1 ? `, seed ${seed}` : ''}`}
                    >
                      show
                    </button>
                  </td>
                </tr>
              );
            })}
        </tbody>
      </table>
    </div>
  );
}
