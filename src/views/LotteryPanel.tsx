/**
 * The lottery-ticket lab (SPEC 5): prune the finished dense run, rewind, retrain beside two
 * controls, and read what the ticket preserved. All training happens in the worker, every
 * phase's networks in one batched computation.
 */
import { useMemo } from 'react';
import { download } from './download';
import { figureFileName } from './figures/exportFigure';
import { AccuracyVsSparsity } from './lottery/AccuracyVsSparsity';
import { LotteryForm } from './lottery/LotteryForm';
import { LotteryProgressBar } from './lottery/LotteryProgressBar';
import { ReexpressionDiagram } from './lottery/ReexpressionDiagram';
import { summarize, ticketsCsv } from './lottery/summary';
import { SupportedD0 } from './lottery/SupportedD0';
import { LabClaimsView } from './claims/LabClaimsView';
import { METHOD_SHORT } from './lottery/summary';
import { TicketTable } from './lottery/TicketTable';
import { useApp } from './storeContext';
import { panelElementId } from '../state/panels';

export function LotteryPanel() {
  const playback = useApp((s) => s.playback);
  const lottery = useApp((s) => s.lottery);
  const claims = useApp((s) => s.labClaims.lottery);
  const recomputing = useApp((s) => s.labsRecomputing);
  const tau = useApp((s) => s.applied.tau);
  const eps = useApp((s) => s.lotteryForm.eps);
  const run = useApp((s) => s.runLottery);
  const cancel = useApp((s) => s.cancelLottery);
  const selected = useApp((s) => (s.selectedTicket === null ? null : s.lottery.tickets[s.selectedTicket]));
  const levels = useMemo(() => summarize(lottery.tickets, lottery.dense, eps), [lottery.tickets, lottery.dense, eps]);
  const denseMean = lottery.dense.length ? lottery.dense.reduce((a, d) => a + d.balancedAccuracy, 0) / lottery.dense.length : NaN;
  const denseOf = (seed: number) => lottery.dense.find((d) => d.seed === seed);
  const ready = playback === 'finished';
  const running = lottery.status === 'running';
  const lastStep = useApp((s) => s.snapshots.at(-1)?.step ?? 0);
  const csv = () => download(ticketsCsv(lottery.tickets, lottery.dense, eps), figureFileName('lottery-tickets', lastStep, 'csv'), 'text/csv');
  return (
    <section id={panelElementId('lottery')} className="panel lottery" aria-labelledby="lottery-title">
      <h2 id="lottery-title">Lottery lab: prune, rewind, retrain</h2>
      <p className="explain">
        Prune the trained network by weight magnitude, rewind the weights it keeps to step k<sub>r</sub> of the dense run, and retrain with the mask fixed, on the same data order. Beside each ticket,
        at the same sparsity, two controls train: the ticket’s mask on a fresh random init, and a random mask on the original init. A ticket <em>wins</em> when its accuracy is at least the dense
        accuracy minus ε.
      </p>
      <LotteryForm />
      <div className="lottery-actions">
        {running ? (
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        ) : (
          <button type="button" className="primary" onClick={() => run()} disabled={!ready}>
            Run lottery
          </button>
        )}
        {!ready && <span className="muted">Train the dense run to the end first.</span>}
        {lottery.tickets.length > 0 && (
          <button type="button" onClick={csv}>
            Download CSV
          </button>
        )}
      </div>
      <LotteryProgressBar />
      {lottery.message && lottery.status !== 'running' && <p className="notice">{lottery.message}</p>}
      {recomputing && lottery.tickets.length > 0 && (
        <p className="notice" role="status" data-testid="lottery-recomputing">
          Recomputing every ticket’s codes and re-expression at τ = {tau} from the kept weights…
        </p>
      )}
      {levels.length > 0 && (
        <div className="lottery-results">
          <AccuracyVsSparsity levels={levels} dense={denseMean} eps={eps} />
          <TicketTable levels={levels} tickets={lottery.tickets} />
        </div>
      )}
      {claims && claims.families.length > 0 && <LabClaimsView claims={claims} label={(id) => METHOD_SHORT[id as keyof typeof METHOD_SHORT] ?? id} testId="lottery-claims" />}
      {selected && denseOf(selected.seed) && (
        <div id="lottery-ticket" className="lottery-ticket" data-testid="selected-ticket">
          <h3>
            {selected.method === 'ticket' ? 'Ticket' : 'Control'} at {(100 * selected.sparsity).toFixed(1)}% sparsity (seed {selected.seed}): balanced accuracy{' '}
            {(100 * selected.balancedAccuracy).toFixed(1)}%
          </h3>
          <p className="muted">Its mask is drawn on the W1 and W2 heatmaps below (pruned weights blank).</p>
          <div className="analysis-grid">
            <ReexpressionDiagram ticket={selected} denseCodes={denseOf(selected.seed)!.finalCodes} />
            <SupportedD0 supported={selected.supported} seed={selected.seed} />
          </div>
        </div>
      )}
    </section>
  );
}
