/**
 * "Predict, then reveal" under the feature-space view: how many precursor locations are marked
 * as "will converge" (△ in the figure), Reveal (train to the end and score them) and the score,
 * against chance, once the run has finished. Every number is computed from the run.
 */
import { useMemo } from 'react';
import { scoreGuesses, type GuessScore } from '../state/guesses';
import { plural } from './figures/analysisText';
import { useApp } from './storeContext';

const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(0)}%` : '–');

/** The score in words: hits, misses, false alarms, and what a random guesser would get. */
export function scoreText(s: GuessScore): string {
  const kept = s.notPrecursors > 0 ? ` (${plural(s.notPrecursors, 'guess')} off the precursors not scored)` : '';
  return (
    `${s.hits} of ${plural(s.guessed, 'guess', 'guesses')} converged (${pct(s.precision)}): ${plural(s.hits, 'hit')}, ` +
    `${plural(s.falseAlarms, 'false alarm')}, ${plural(s.misses, 'miss', 'misses')} (converged, not guessed)${kept}. ` +
    `Chance: ${s.converged} of ${s.precursors} precursors converged (base rate ${pct(s.baseRate)}), so ${s.guessed} random ` +
    `${s.guessed === 1 ? 'guess expects' : 'guesses expect'} ${s.chanceHits.toFixed(1)} ${s.chanceHits === 1 ? 'hit' : 'hits'}` +
    (s.hits > 0 ? `; the chance of ${s.hits} or more hits at random is ${pct(s.pValue)}.` : '.')
  );
}

export function GuessPanel({ predicting }: { predicting: boolean }) {
  const guesses = useApp((s) => s.guesses);
  const revealed = useApp((s) => s.revealed);
  const analysis = useApp((s) => s.analysis);
  const final = useApp((s) => s.analysisFinal);
  const K = useApp((s) => s.task?.clauses.length ?? 0);
  const step = useApp((s) => s.step);
  const steps = useApp((s) => s.applied.steps);
  const reveal = useApp((s) => s.reveal);
  const clear = useApp((s) => s.clearGuesses);
  const score = useMemo(() => (revealed && final && analysis ? scoreGuesses(guesses, analysis.precursors, K) : null), [revealed, final, analysis, guesses, K]);
  if (!predicting && guesses.length === 0 && !revealed) return null;
  return (
    <div id="guesses" className="guesses" data-testid="guesses">
      <p>
        <span className="mark" aria-hidden="true">
          △
        </span>{' '}
        <strong data-testid="guess-count">{guesses.length}</strong> {guesses.length === 1 ? 'location' : 'locations'} guessed to converge.{' '}
        {!revealed &&
          (predicting
            ? 'Click a precursor mark (● or ✕) to guess it will be a code at the end, or pick a row and clause in Details and press “Guess: will converge”.'
            : 'Pick a row and clause in Details and press “Guess: will converge” to add one.')}
      </p>
      <div className="guess-actions">
        {!revealed && (
          <button type="button" className="primary" onClick={reveal} disabled={guesses.length === 0}>
            Reveal
          </button>
        )}
        {(guesses.length > 0 || revealed) && (
          <button type="button" onClick={clear}>
            Clear guesses
          </button>
        )}
      </div>
      <p role="status" data-testid="guess-score">
        {revealed && !score ? `Training to the end to score the guesses: step ${step} of ${steps}.` : score ? scoreText(score) : ''}
      </p>
    </div>
  );
}
