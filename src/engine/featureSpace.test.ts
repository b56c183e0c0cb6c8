import { describe, expect, it } from 'vitest';
import { rowScales, signCategories } from './featureSpace';

describe('sign categories', () => {
  it('uses the row scale σ = max |w| and a strict threshold τσ', () => {
    // Row 0: σ = 1, τσ = 0.3. Row 1: σ = 2, τσ = 0.6.
    const W = [1, 0.3, -0.31, 0.29, 0, -1, /* row 1 */ -2, 0.6, 0.61, -0.6, -0.61, 0];
    expect(Array.from(rowScales(W, 2, 6))).toEqual([1, 2]);
    expect(Array.from(signCategories(W, 2, 6, 0.3))).toEqual([1, 0, -1, 0, 0, -1, -1, 0, 1, 0, -1, 0]);
  });

  it('puts every weight of an all-zero (fully pruned) row in category 0', () => {
    expect(Array.from(signCategories([0, 0, 0], 1, 3, 0.3))).toEqual([0, 0, 0]);
  });
});
