/**
 * Score-to-mask, shared by every score-based baseline of SPEC 6 (SNIP, GraSP, SynFlow): one
 * global ranking over W1 ∪ W2 that keeps exactly the budget and breaks ties the same way as
 * magnitude pruning (lower flat index, W1 before W2), so two methods that score alike give the
 * same mask and no method can miss the budget by one weight.
 */
import { assertKept } from '../lottery/budget';
import type { Masks } from '../core/types';

/** Keeps the `kept` highest scores over W1 ∪ W2 (ties: lower flat index, W1 before W2). Scores: [m*n] and [K*m]. */
export function topScoresMask(scoreW1: Float64Array, scoreW2: Float64Array, kept: number): Masks {
  return topScoresAmong(scoreW1, scoreW2, kept, null);
}

/** Keeps the `kept` LOWEST scores over W1 ∪ W2 (ties: lower flat index, W1 before W2). Scores: [m*n] and [K*m]. */
export function bottomScoresMask(scoreW1: Float64Array, scoreW2: Float64Array, kept: number): Masks {
  return topScoresAmong(
    scoreW1.map((s) => -s),
    scoreW2.map((s) => -s),
    kept,
    null,
  );
}

/**
 * Keeps the `kept` highest scores among the weights `current` keeps (null = all), so a weight
 * pruned already never comes back. A NaN score ranks below every number. Throws if `kept`
 * exceeds what `current` keeps. Scores: [m*n] and [K*m]; returns fresh 0/1 masks of those lengths.
 */
export function topScoresAmong(scoreW1: Float64Array, scoreW2: Float64Array, kept: number, current: Masks | null): Masks {
  const n1 = scoreW1.length;
  if (current && (current.W1.length !== n1 || current.W2.length !== scoreW2.length)) {
    throw new RangeError('topScoresAmong: masks and scores have different lengths');
  }
  // Flat index f: W1 i -> i, W2 i -> n1 + i.
  const alive: number[] = [];
  for (let i = 0; i < n1; i++) if (!current || current.W1[i]) alive.push(i);
  for (let i = 0; i < scoreW2.length; i++) if (!current || current.W2[i]) alive.push(n1 + i);
  assertKept(kept, alive.length, 'topScoresAmong (pruned weights never come back)');
  const score = (f: number) => {
    const s = f < n1 ? scoreW1[f] : scoreW2[f - n1];
    return Number.isNaN(s) ? -Infinity : s;
  };
  const rankNaNLast = (f: number) => (Number.isNaN(f < n1 ? scoreW1[f] : scoreW2[f - n1]) ? 1 : 0);
  const order = alive.sort((p, q) => {
    const a = score(p);
    const b = score(q);
    if (a !== b) return b - a; // also orders -Infinity below every finite score
    return rankNaNLast(p) - rankNaNLast(q) || p - q;
  });
  const out: Masks = { W1: new Uint8Array(n1), W2: new Uint8Array(scoreW2.length) };
  for (const f of order.slice(0, kept)) {
    if (f < n1) out.W1[f] = 1;
    else out.W2[f - n1] = 1;
  }
  return out;
}
