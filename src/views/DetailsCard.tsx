/**
 * Details of the selected (or hovered) row and clause, with keyboard-friendly pickers: the
 * row's sign pattern, its distances to every clause now and at init, its crowding and
 * outcomes; the clause's codes now and its final channel.
 */
import { useMemo } from 'react';
import { signCategories } from '../engine/analysis/featureSpace';
import { clauseText } from '../engine/core/task';
import { viewedIndex } from '../state/store';
import { CODE_FLAG, INHIBITORY_FLAG } from '../worker/protocol';
import { useApp } from './storeContext';

const SIGN = ['−', '0', '+'];

export function DetailsCard() {
  const task = useApp((s) => s.task);
  const m = useApp((s) => s.applied.m);
  const tau = useApp((s) => s.applied.tau);
  const analysis = useApp((s) => s.analysis);
  const selection = useApp((s) => s.selection);
  const hover = useApp((s) => s.hover);
  const select = useApp((s) => s.select);
  const guesses = useApp((s) => s.guesses);
  const revealed = useApp((s) => s.revealed);
  const toggleGuess = useApp((s) => s.toggleGuess);
  const r = useApp((s) => s.applied.r);
  const snap = useApp((s) => s.snapshots[viewedIndex(s)]);
  const frame = useApp((s) => s.frames[viewedIndex(s)]);
  const row = hover.row ?? selection.row;
  const clause = hover.clause ?? selection.clause;
  const K = task?.clauses.length ?? 0;
  const n = task?.config.n ?? 0;
  const pattern = useMemo(() => {
    if (row === null || !snap || row >= m) return '';
    const cats = signCategories(snap.params.W1.subarray(row * n, (row + 1) * n), 1, n, tau);
    return Array.from(cats, (v) => SIGN[v + 1]).join(' ');
  }, [row, snap, m, n, tau]);
  if (!task) return null;
  const outcomeOf = (j: number, c: number) =>
    analysis?.precursors.find((p) => p.row === j && p.clause === c)?.outcome ?? (analysis?.recruited.some((p) => p.row === j && p.clause === c) ? 'recruited' : '—');
  const flagText = (f: number) => (f & CODE_FLAG ? 'code' : f & INHIBITORY_FLAG ? 'inhibitory code' : '');
  return (
    <section className="panel details" aria-labelledby="details-title">
      <h2 id="details-title">Details</h2>
      <div className="pickers">
        <label htmlFor="pick-row">Row</label>
        <select id="pick-row" value={selection.row ?? ''} onChange={(e) => select({ row: e.target.value === '' ? null : Number(e.target.value) })}>
          <option value="">none</option>
          {Array.from({ length: m }, (_, j) => (
            <option key={j} value={j}>
              row {j}
            </option>
          ))}
        </select>
        <label htmlFor="pick-clause">Clause</label>
        <select id="pick-clause" value={selection.clause ?? ''} onChange={(e) => select({ clause: e.target.value === '' ? null : Number(e.target.value) })}>
          <option value="">none</option>
          {task.clauses.map((c, i) => (
            <option key={i} value={i}>
              c{i}: {clauseText(c)}
            </option>
          ))}
        </select>
      </div>
      {selection.row !== null && selection.clause !== null && selection.row < m && selection.clause < K && analysis && (
        <GuessButton
          row={selection.row}
          clause={selection.clause}
          d0={analysis.d0[selection.row]?.[selection.clause] ?? NaN}
          r={r}
          precursor={analysis.precursors.some((p) => p.row === selection.row && p.clause === selection.clause)}
          guessed={guesses.includes(selection.row * K + selection.clause)}
          locked={revealed}
          onToggle={() => toggleGuess(selection.row! * K + selection.clause!)}
        />
      )}
      {row !== null && row < m && frame && analysis && (
        <div className="detail-row" data-testid="row-details">
          <h3>Row {row}</h3>
          <p>
            Sign pattern at step {snap?.step} (inputs 0–{n - 1}): <code>{pattern}</code>
          </p>
          <p>
            Precursor for {analysis.crowd0[row]} clause(s) at init (crowd₀); codes {analysis.crowdT[row]} at the end (crowd_T).
          </p>
          <table className="compact">
            <caption className="sr-only">Row {row}: distance to each clause</caption>
            <thead>
              <tr>
                <th scope="col">clause</th>
                <th scope="col">d₀</th>
                <th scope="col">d now</th>
                <th scope="col">d̃ now</th>
                <th scope="col">now</th>
                <th scope="col">outcome</th>
              </tr>
            </thead>
            <tbody>
              {Array.from({ length: K }, (_, c) => (
                <tr key={c} className={c === clause ? 'current' : undefined}>
                  <th scope="row">c{c}</th>
                  <td>{analysis.d0[row]?.[c]}</td>
                  <td>{frame.d[row * K + c]}</td>
                  <td>{frame.dTilde[row * K + c].toFixed(2)}</td>
                  <td>{flagText(frame.flags[row * K + c])}</td>
                  <td>{outcomeOf(row, c)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {clause !== null && clause < K && frame && analysis && (
        <div className="detail-clause" data-testid="clause-details">
          <h3>
            Clause c{clause}: {clauseText(task.clauses[clause])}
          </h3>
          <p>
            Codes at step {snap?.step}: {rowsWith(frame.flags, CODE_FLAG, m, K, clause).join(', ') || 'none'}; inhibitory codes:{' '}
            {rowsWith(frame.flags, INHIBITORY_FLAG, m, K, clause).join(', ') || 'none'}.
          </p>
          <p>
            Final channel F<sub>c</sub>: {analysis.finalCodes[clause].map((j) => `row ${j}`).join(', ') || 'no row codes it'}. Precursors:{' '}
            {analysis.precursors
              .filter((p) => p.clause === clause)
              .map((p) => `row ${p.row} (d₀ ${p.d0}, ${p.outcome})`)
              .join('; ') || 'none'}
            .
          </p>
        </div>
      )}
      {row === null && clause === null && <p className="muted">Pick a row or a clause here, or click a mark in feature space.</p>}
    </section>
  );
}

/** "Guess: will converge" for the picked location (predict, then reveal); precursors only. */
function GuessButton(props: { row: number; clause: number; d0: number; r: number; precursor: boolean; guessed: boolean; locked: boolean; onToggle: () => void }) {
  const { row, clause, d0, r, precursor, guessed, locked, onToggle } = props;
  if (!precursor) {
    return (
      <p className="muted guess-line">
        Row {row} is not a precursor of c{clause} (d₀ = {d0} &gt; r = {r}), so it cannot be guessed.
      </p>
    );
  }
  return (
    <p className="guess-line">
      <button type="button" aria-pressed={guessed} onClick={onToggle} disabled={locked} aria-label={`Guess: will converge (row ${row}, clause c${clause})`}>
        {guessed ? '△ Guessed: will converge' : 'Guess: will converge'}
      </button>{' '}
      <span className="muted">{locked ? 'Guesses are locked after Reveal.' : 'Marks this precursor with a triangle in feature space.'}</span>
    </p>
  );
}

function rowsWith(flags: Uint8Array, bit: number, m: number, K: number, c: number): string[] {
  const out: string[] = [];
  for (let j = 0; j < m; j++) if (flags[j * K + c] & bit) out.push(`row ${j}`);
  return out;
}
