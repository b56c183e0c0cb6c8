import { describe, expect, it } from 'vitest';
import { hypergeometricTail, scoreGuesses, toggled, type ScoredPrecursor } from './guesses';

const K = 4;
// Six precursors: three converge (0,0), (1,2), (3,1); three are rejected.
const precursors: ScoredPrecursor[] = [
  { row: 0, clause: 0, outcome: 'converged' },
  { row: 0, clause: 3, outcome: 'rejected' },
  { row: 1, clause: 2, outcome: 'converged' },
  { row: 2, clause: 1, outcome: 'rejected' },
  { row: 3, clause: 1, outcome: 'converged' },
  { row: 3, clause: 3, outcome: 'rejected' },
];
const at = (row: number, clause: number) => row * K + clause;

describe('scoring guesses against the outcome', () => {
  it('counts hits, misses, false alarms and correct rejections among the precursors', () => {
    const s = scoreGuesses([at(0, 0), at(1, 2), at(2, 1)], precursors, K);
    expect(s).toMatchObject({ guessed: 3, notPrecursors: 0, precursors: 6, converged: 3, hits: 2, misses: 1, falseAlarms: 1, correctRejections: 2 });
    expect(s.baseRate).toBe(0.5);
    expect(s.precision).toBeCloseTo(2 / 3, 12);
    expect(s.recall).toBeCloseTo(2 / 3, 12);
    expect(s.chanceHits).toBe(1.5);
    // P(at least 2 of 3 random precursors converge) = (C(3,2)C(3,1) + C(3,3)) / C(6,3) = 10/20.
    expect(s.pValue).toBeCloseTo(0.5, 12);
  });

  it('leaves guesses off the precursors out of the score, and counts a repeated guess once', () => {
    const s = scoreGuesses([at(0, 0), at(0, 0), at(2, 2)], precursors, K);
    expect(s).toMatchObject({ guessed: 1, notPrecursors: 1, hits: 1, falseAlarms: 0, misses: 2 });
  });

  it('has no precision without guesses, and a perfect guess beats chance by the hypergeometric tail', () => {
    expect(scoreGuesses([], precursors, K).precision).toBeNaN();
    const perfect = scoreGuesses([at(0, 0), at(1, 2), at(3, 1)], precursors, K);
    expect(perfect).toMatchObject({ hits: 3, misses: 0, falseAlarms: 0, correctRejections: 3 });
    expect(perfect.pValue).toBeCloseTo(1 / 20, 12);
  });
});

describe('the hypergeometric tail', () => {
  it('matches a hand count: 3 draws from 10 with 4 successes, at least 2', () => {
    expect(hypergeometricTail(10, 4, 3, 2)).toBeCloseTo((6 * 6 + 4) / 120, 12);
  });

  it('agrees with brute-force enumeration of every draw', () => {
    const N = 9;
    const Ks = 4;
    const n = 4;
    const counts = new Array(n + 1).fill(0);
    let draws = 0;
    for (let mask = 0; mask < 1 << N; mask++) {
      let bits = 0;
      for (let i = 0; i < N; i++) if (mask & (1 << i)) bits++;
      if (bits !== n) continue;
      draws++;
      let hits = 0;
      for (let i = 0; i < Ks; i++) if (mask & (1 << i)) hits++;
      counts[hits]++;
    }
    for (let k = 0; k <= n + 1; k++) {
      const tail = counts.slice(k).reduce((a: number, b: number) => a + b, 0) / draws;
      expect(hypergeometricTail(N, Ks, n, k)).toBeCloseTo(tail, 12);
    }
  });

  it('is NaN for impossible parameters', () => {
    expect(hypergeometricTail(5, 6, 2, 1)).toBeNaN();
    expect(hypergeometricTail(5, 2, 2.5, 1)).toBeNaN();
  });
});

describe('toggling a guess', () => {
  it('keeps the list sorted without repeats', () => {
    expect(toggled([3, 9], 5)).toEqual([3, 5, 9]);
    expect(toggled([3, 5, 9], 5)).toEqual([3, 9]);
  });
});
