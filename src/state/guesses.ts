/**
 * "Predict, then reveal": the audience marks precursor locations they think will converge
 * (become codes by the end of the dense run); once the run has finished, the guesses are scored
 * against the computed outcome and against chance.
 *
 * A location is its index j * K + c (row j, clause c), as everywhere in feature space.
 * Chance is a guesser who picks the same number of precursors at random: it expects
 * guessed × baseRate hits, and `pValue` is the probability that it does at least as well as the
 * audience (hypergeometric tail), so a high hit count from few guesses reads as skill only
 * when that probability is small.
 */
import type { Outcome } from '../engine/analysis/runAnalysis';

export interface GuessScore {
  /** Guesses at precursor locations (the scored ones). */
  guessed: number;
  /** Guesses at locations that are not precursors under the current r (not scored). */
  notPrecursors: number;
  precursors: number;
  /** Precursors that converged. */
  converged: number;
  /** Guessed and converged. */
  hits: number;
  /** Converged but not guessed. */
  misses: number;
  /** Guessed but rejected. */
  falseAlarms: number;
  /** Neither guessed nor converged. */
  correctRejections: number;
  /** converged / precursors: the share of hits a random guess expects (NaN with no precursors). */
  baseRate: number;
  /** hits / guessed (NaN with no guesses). */
  precision: number;
  /** hits / converged (NaN when none converged). */
  recall: number;
  /** Hits expected from `guessed` random precursors: guessed × baseRate. */
  chanceHits: number;
  /** P(X ≥ hits) for X ~ Hypergeometric(precursors, converged, guessed): chance does as well. */
  pValue: number;
}

export interface ScoredPrecursor {
  row: number;
  clause: number;
  outcome: Outcome;
}

/** Scores guesses (location indices j * K + c) against the precursors' outcomes. */
export function scoreGuesses(guesses: readonly number[], precursors: readonly ScoredPrecursor[], K: number): GuessScore {
  const outcome = new Map<number, Outcome>();
  for (const p of precursors) outcome.set(p.row * K + p.clause, p.outcome);
  const unique = [...new Set(guesses)];
  const scored = unique.filter((g) => outcome.has(g));
  const converged = precursors.filter((p) => p.outcome === 'converged').length;
  const hits = scored.filter((g) => outcome.get(g) === 'converged').length;
  const guessed = scored.length;
  const total = precursors.length;
  const baseRate = total > 0 ? converged / total : NaN;
  return {
    guessed,
    notPrecursors: unique.length - guessed,
    precursors: total,
    converged,
    hits,
    misses: converged - hits,
    falseAlarms: guessed - hits,
    correctRejections: total - converged - (guessed - hits),
    baseRate,
    precision: guessed > 0 ? hits / guessed : NaN,
    recall: converged > 0 ? hits / converged : NaN,
    chanceHits: total > 0 ? guessed * baseRate : 0,
    pValue: hypergeometricTail(total, converged, guessed, hits),
  };
}

/**
 * P(X ≥ k) for X ~ Hypergeometric(population N, successes K, draws n): the chance that n items
 * drawn at random without replacement include at least k of the K successes.
 */
export function hypergeometricTail(N: number, K: number, n: number, k: number): number {
  if (![N, K, n, k].every(Number.isInteger) || K > N || n > N || K < 0 || n < 0) return NaN;
  const lo = Math.max(0, n - (N - K));
  const hi = Math.min(n, K);
  if (k <= lo) return 1;
  if (k > hi) return 0;
  const logFact = [0];
  for (let i = 1; i <= N; i++) logFact.push(logFact[i - 1] + Math.log(i));
  const logChoose = (a: number, b: number) => logFact[a] - logFact[b] - logFact[a - b];
  const denominator = logChoose(N, n);
  let p = 0;
  for (let x = k; x <= hi; x++) p += Math.exp(logChoose(K, x) + logChoose(N - K, n - x) - denominator);
  return Math.min(1, p);
}

/** Adds or removes a location, keeping the list sorted and free of repeats. */
export function toggled(guesses: readonly number[], index: number): number[] {
  return guesses.includes(index) ? guesses.filter((g) => g !== index) : [...guesses, index].sort((a, b) => a - b);
}
