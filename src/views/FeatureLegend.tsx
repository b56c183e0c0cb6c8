/**
 * The feature-space legend, with the counts of each outcome as computed by the worker's
 * analysis; says whether the outcomes are final or provisional (run still training).
 */
import { networkLabel, selectedNetwork } from '../state/store';
import { outcomeCounts } from './outcomes';
import { useApp } from './storeContext';

export function FeatureLegend() {
  const analysis = useApp((s) => s.analysis);
  const final = useApp((s) => s.analysisFinal);
  const counts = outcomeCounts(analysis);
  const network = useApp(selectedNetwork);
  const ticketSupports = network ? network.supported.reduce((a, v) => a + v, 0) : null;
  const codes = analysis?.timeline.at(-1);
  const guesses = useApp((s) => s.guesses.length);
  return (
    <div id="fs-legend" className="fs-legend" aria-live="off">
      <ul>
        <li>
          <span className="mark converged" aria-hidden="true">
            ●
          </span>{' '}
          converged <strong data-testid="count-converged">{counts.converged}</strong>
        </li>
        <li>
          <span className="mark rejected" aria-hidden="true">
            ✕
          </span>{' '}
          rejected <strong data-testid="count-rejected">{counts.rejected}</strong>
        </li>
        <li>
          <span className="mark recruited" aria-hidden="true">
            ◆
          </span>{' '}
          recruited <strong data-testid="count-recruited">{counts.recruited}</strong>
        </li>
        <li>
          <span className="mark code" aria-hidden="true">
            ○
          </span>{' '}
          ring: a code at the shown step
        </li>
        <li>
          <span className="mark inhibitory" aria-hidden="true">
            □
          </span>{' '}
          square: an <em>inhibitory</em> code (negated template, negative readout)
        </li>
        {guesses > 0 && (
          <li>
            <span className="mark" aria-hidden="true">
              △
            </span>{' '}
            triangle: guessed to converge ({guesses})
          </li>
        )}
        {ticketSupports !== null && ticketSupports !== undefined && (
          <li data-testid="legend-supported">
            <span className="mark" aria-hidden="true">
              ◌
            </span>{' '}
            dashed ring: supported by the selected {network ? networkLabel(network) : ''}’s mask ({ticketSupports})
          </li>
        )}
      </ul>
      <p className="muted" data-testid="outcome-status">
        {analysis
          ? final
            ? `Outcomes of the finished run (final codes at step ${analysis.finalStep}): ${counts.precursors} precursors, ${codes?.codedClauses ?? 0} of ${analysis.finalCodes.length} clauses coded.`
            : `Provisional: outcomes as of step ${analysis.finalStep}; they become final when the run finishes.`
          : 'No analysis yet.'}
      </p>
    </div>
  );
}
