import { describe, expect, it } from 'vitest';
import { BOUNDARY_TERM, conflicts, distances, readoutCategories, rowScales, signCategories } from './featureSpace';
import { Prng } from '../core/prng';
import type { Clause } from '../core/types';

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

  it('judges readouts per output row of W2', () => {
    // Output 0: max 1 -> threshold 0.25; output 1: max 4 -> threshold 1.
    expect(Array.from(readoutCategories([1, 0.3, -0.2, /* */ 4, -1.5, 0.9], 2, 3, 0.25))).toEqual([1, 1, 0, 1, -1, 0]);
  });
});

describe('distances to a clause code', () => {
  const clause: Clause = { inputs: [0, 2, 3], template: [1, -1, 1] };

  it('puts a row equal to the template at distance 0', () => {
    const W1 = [1, 0, -1, 1, 0.1];
    const { d, dTilde } = distances(W1, 1, 5, [clause], 0.3);
    expect(d[0]).toBe(0);
    expect(dTilde[0]).toBe(0);
  });

  it('counts a zero weight on a clause input as a mismatch, and a wrong sign too', () => {
    const { d, dTilde } = distances([1, 0.9, 0, -1, 0], 1, 5, [clause], 0.3);
    expect(d[0]).toBe(2); // x2 is 0 (needs −), x3 is − (needs +)
    expect(dTilde[0]).toBeCloseTo(0 + 1 + 2, 6); // 1 − t·w/(τσ): 0 for x0, 1 for x2, clamp(1+1/0.3)=2 for x3
  });

  it('moves d̃ smoothly as a weight crosses towards its literal', () => {
    const at = (w: number) => distances([1, 0, -1, w, 0], 1, 5, [clause], 0.5).dTilde[0];
    expect(at(-0.2)).toBeGreaterThan(at(0));
    expect(at(0)).toBeGreaterThan(at(0.25));
    expect(at(0.25)).toBeGreaterThan(at(0.49));
    expect(at(0.51)).toBe(0);
  });

  it('measures the negated template for inhibitory codes', () => {
    const W1 = [-1, 0, 1, -1, 0];
    expect(distances(W1, 1, 5, [clause], 0.3).d[0]).toBe(3);
    expect(distances(W1, 1, 5, [clause], 0.3, true).d[0]).toBe(0);
  });

  it('gives a fully pruned row d = k and d̃ = k (each literal term is 1)', () => {
    const { d, dTilde } = distances([0, 0, 0, 0, 0], 1, 5, [clause], 0.3);
    expect(d[0]).toBe(3);
    expect(dTilde[0]).toBe(3);
  });

  it('keeps d̃ positive for a weight exactly on the strict boundary (category 0)', () => {
    const W1 = [1, 0, -1, 0.5, 0]; // x3's weight is exactly τσ = 0.5: category 0, a mismatch
    const { d, dTilde } = distances(W1, 1, 5, [clause], 0.5);
    expect(d[0]).toBe(1);
    expect(dTilde[0]).toBeCloseTo(BOUNDARY_TERM, 12);
  });

  it('property: d is within 0..k and d̃ = 0 exactly when d = 0, over random rows', () => {
    const rng = new Prng(17);
    const clauses: Clause[] = [clause, { inputs: [1, 4], template: [-1, -1] }];
    for (let trial = 0; trial < 3000; trial++) {
      // Weights on a coarse grid hit category boundaries often.
      const W1 = Array.from({ length: 5 }, () => (rng.int(9) - 4) / 4);
      const tau = [0.25, 0.3, 0.5, 0.75][rng.int(4)];
      const { d, dTilde } = distances(W1, 1, 5, clauses, tau);
      clauses.forEach((c, ci) => {
        expect(d[ci] >= 0 && d[ci] <= c.inputs.length).toBe(true);
        expect(dTilde[ci] >= 0 && dTilde[ci] <= 2 * c.inputs.length).toBe(true);
        expect(dTilde[ci] === 0).toBe(d[ci] === 0);
      });
    }
  });
});

describe('conflicts', () => {
  it('holds when two clauses share an input with opposite signs, not otherwise', () => {
    const a: Clause = { inputs: [1, 2, 3], template: [1, 1, -1] };
    expect(conflicts(a, { inputs: [3, 5, 6], template: [1, 1, 1] })).toBe(true);
    expect(conflicts(a, { inputs: [3, 5, 6], template: [-1, 1, 1] })).toBe(false);
    expect(conflicts(a, { inputs: [4, 5, 6], template: [1, 1, 1] })).toBe(false);
  });
});
