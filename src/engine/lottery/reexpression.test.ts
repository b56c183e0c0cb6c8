import { describe, expect, it } from 'vitest';
import { isWinning, reexpression, reexpressionCounts } from './reexpression';

describe('reexpression', () => {
  it('names same-row, different-row and lost, with empty F_c and several rows per clause', () => {
    const dense = [[0], [1, 2], [], [3], [], [4, 5]];
    const sparse = [[0], [7, 2], [4], [], [], [6, 7]];
    expect(reexpression(dense, sparse)).toEqual([
      'same-row', // the dense row again
      'same-row', // one of two sparse rows is in F_c
      'different-row', // coded, and F_c is empty
      'lost', // coded densely, not by any sparse row
      'lost', // coded by neither
      'different-row', // two rows, neither in F_c
    ]);
  });

  it('counts each outcome, zero for absent ones', () => {
    expect(reexpressionCounts(['same-row', 'lost', 'same-row'])).toEqual({ 'same-row': 2, 'different-row': 0, lost: 1 });
    expect(reexpressionCounts([])).toEqual({ 'same-row': 0, 'different-row': 0, lost: 0 });
  });

  it('rejects dense and sparse codes for different numbers of clauses', () => {
    expect(() => reexpression([[0]], [[0], [1]])).toThrow(RangeError);
  });
});

describe('isWinning', () => {
  it('wins exactly at dense − ε, even where float subtraction lands above it', () => {
    expect(isWinning(0.94, 0.95, 0.01)).toBe(true);
    expect(0.52 - 0.05).toBeGreaterThan(0.47); // the float trap the slack absorbs
    expect(isWinning(0.47, 0.52, 0.05)).toBe(true);
  });

  it('loses just below dense − ε and wins above it', () => {
    expect(isWinning(0.94 - 1e-6, 0.95, 0.01)).toBe(false);
    expect(isWinning(0.97, 0.95, 0.01)).toBe(true);
  });

  it('with ε = 0 needs at least the dense accuracy', () => {
    expect(isWinning(0.9, 0.9, 0)).toBe(true);
    expect(isWinning(0.8999, 0.9, 0)).toBe(false);
  });
});
