import { describe, expect, it } from 'vitest';
import { maskedCount } from '../lottery';
import type { Clause, Params } from '../core/types';
import { clauseOrder, locationMask, placeClauses, type LocationKeys, type ProbeChoice } from './select';

/** Keys from [m][K] tables of primary and secondary values; d0/d̃0/motion mirror them. */
function keysFrom(primary: number[][], secondary: number[][]): LocationKeys {
  const p = primary.flat();
  const s = secondary.flat();
  return { primary: p, secondary: s, d0: p, dTilde0: s, motion: s.map((v) => -v) };
}

const disjoint = (K: number): Clause[] => Array.from({ length: K }, (_, c) => ({ inputs: [2 * c, 2 * c + 1], template: [1, 1] }));

describe('clauseOrder', () => {
  it('sorts clauses by their lexicographically best (primary, secondary) over rows, ties to the lower clause', () => {
    // [m=2][K=4]
    const keys = keysFrom(
      [
        [2, 1, 1, 0],
        [1, 1, 3, 0],
      ],
      [
        [0.1, 0.9, 0.5, 0.2],
        [0.7, 0.8, 0.0, 0.2],
      ],
    );
    // best: c0 (1, 0.7), c1 (1, 0.8), c2 (1, 0.5), c3 (0, 0.2)
    expect(clauseOrder(keys, 2, 4)).toEqual([3, 2, 0, 1]);
  });
});

describe('placeClauses', () => {
  it('adds λ·load to the primary key and breaks ties by the secondary key, then by the lower row', () => {
    const keys = keysFrom(
      [
        [0, 0],
        [0.5, 1],
        [0.5, 1],
      ],
      [
        [0, 0.5],
        [0.3, 0.1],
        [0.3, 0.2],
      ],
    );
    // clause 0 takes row 0; clause 1 with λ = 1: row 0 → (0 + 1, 0.5), row 1 → (1, 0.1), row 2 → (1, 0.2).
    expect(placeClauses(keys, disjoint(2), 3, 1).map((ch) => ch.row)).toEqual([0, 1]);
    // 0.1 + 0.7·1 is 0.7999999999999999 in floats; it still ties with 0.8 and the tie falls to d̃.
    const tie = keysFrom(
      [
        [0, 0.1],
        [0, 0.8],
      ],
      [
        [0, 0.9],
        [0, 0.1],
      ],
    );
    expect(placeClauses(tie, disjoint(2), 2, 0.7).map((ch) => ch.row)).toEqual([0, 1]);
  });

  it('lists every placed clause that a conflict made it avoid, row by row', () => {
    const clauses: Clause[] = [
      { inputs: [0, 1], template: [1, 1] },
      { inputs: [1, 2], template: [1, 1] },
      { inputs: [0, 2], template: [-1, -1] }, // conflicts with both
    ];
    const keys = keysFrom(
      [
        [0, 0, 1],
        [1, 1, 1],
        [2, 2, 2],
      ],
      [
        [0, 0, 0],
        [0, 0, 0],
        [0, 0, 0],
      ],
    );
    const choices = placeClauses(keys, clauses, 3, 0);
    expect(choices.map((ch) => ch.row)).toEqual([0, 0, 1]);
    expect(choices[2].avoided).toEqual([
      { row: 0, clause: 0 },
      { row: 0, clause: 1 },
    ]);
  });
});

describe('locationMask', () => {
  const n = 3;
  const params: Params = {
    W1: Float32Array.from([0.1, 0.2, 0.3, 0.6, 0.5, 0.4]), // [m=2][n=3]
    b1: new Float32Array(2),
    W2: Float32Array.from([0.05, 0.9]), // [K=1][m=2]
    b2: new Float32Array(1),
  };
  const clauses: Clause[] = [{ inputs: [0, 1], template: [1, 1] }];
  const choice: ProbeChoice = { clause: 0, row: 0, d0: 0, dTilde0: 0, key: 0, motion: 0, avoided: [] };

  it('keeps the location first, then the largest remaining |θ_0|', () => {
    const { masks, locationWeights } = locationMask(params, [choice], clauses, { n, m: 2, K: 1 }, 5);
    expect(locationWeights).toBe(3);
    expect(Array.from(masks.W1)).toEqual([1, 1, 0, 1, 0, 0]);
    expect(Array.from(masks.W2)).toEqual([1, 1]);
  });

  it('adds nothing from a location that does not fit and fills the whole budget by |θ_0|', () => {
    const { masks, locationWeights } = locationMask(params, [choice], clauses, { n, m: 2, K: 1 }, 2);
    expect(locationWeights).toBe(0);
    expect(Array.from(masks.W1)).toEqual([0, 0, 0, 1, 0, 0]);
    expect(Array.from(masks.W2)).toEqual([0, 1]);
    expect(maskedCount(masks)).toBe(2);
  });

  it('ignores skipped clauses', () => {
    const skipped = { ...choice, row: null };
    expect(locationMask(params, [skipped], clauses, { n, m: 2, K: 1 }, 4).locationWeights).toBe(0);
  });
});
