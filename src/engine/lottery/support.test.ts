import { describe, expect, it } from 'vitest';
import { fullMasks } from '../core/params';
import type { Clause, Shape } from '../core/types';
import { familyRecovery, supportedLocations } from './support';

// n = 4 inputs, m = 2 rows, K = 2 clauses: clause 0 on inputs {0, 1}, clause 1 on {2, 3}.
const shape: Shape = { n: 4, m: 2, K: 2 };
const clauses: Clause[] = [
  { inputs: [0, 1], template: [1, -1] },
  { inputs: [2, 3], template: [1, 1] },
];

describe('supportedLocations', () => {
  it('supports (j, c) only when W1[j, S_c] and W2[c, j] are all kept', () => {
    const masks = fullMasks(shape);
    masks.W1[1 * 4 + 3] = 0; // row 1, input 3: breaks (1, clause 1)
    masks.W2[0 * 2 + 0] = 0; // clause 0's readout of row 0: breaks (0, clause 0)
    // Index j*K + c: (0,0), (0,1), (1,0), (1,1).
    expect(Array.from(supportedLocations(masks, clauses, shape))).toEqual([0, 1, 1, 0]);
  });

  it('ignores weights outside the clause: pruning an off-clause input keeps the support', () => {
    const masks = fullMasks(shape);
    masks.W1[0 * 4 + 2] = 0; // row 0, input 2 is off clause 0 but on clause 1
    expect(Array.from(supportedLocations(masks, clauses, shape))).toEqual([1, 0, 1, 1]);
  });

  it('supports every location under the full mask and none under the empty one', () => {
    expect(Array.from(supportedLocations(fullMasks(shape), clauses, shape))).toEqual([1, 1, 1, 1]);
    const empty = { W1: new Uint8Array(8), W2: new Uint8Array(4) };
    expect(Array.from(supportedLocations(empty, clauses, shape))).toEqual([0, 0, 0, 0]);
  });

  it('rejects masks or clauses that do not fit the shape', () => {
    expect(() => supportedLocations({ W1: new Uint8Array(7), W2: new Uint8Array(4) }, clauses, shape)).toThrow(RangeError);
    expect(() => supportedLocations(fullMasks(shape), clauses.slice(0, 1), shape)).toThrow(RangeError);
  });
});

describe('familyRecovery', () => {
  // Five clauses over m = 3 rows; the dense run coded clause 0 on row 1, clause 1 on rows 0 and
  // 2, clause 3 on row 2, and left clauses 2 and 4 without a code. Supported locations, written
  // out as a table of (row, clause) pairs: (1,0), (0,2), (2,1), (0,4).
  const K = 5;
  const supported = new Uint8Array(3 * K);
  for (const [j, c] of [
    [1, 0],
    [0, 2],
    [2, 1],
    [0, 4],
  ])
    supported[j * K + c] = 1;
  const dense = [[1], [0, 2], [], [2], []];

  it('counts, among the clauses with a dense code, those whose coding location the mask keeps', () => {
    // By hand: clause 0 kept (row 1), clause 1 kept (row 2, one of its two rows is enough),
    // clause 3 not kept ((2,3) is unsupported); clauses 2 and 4 have no dense code and do not
    // count, even though (0,2) and (0,4) are supported. 2 of 3.
    expect(familyRecovery(supported, dense, K)).toBeCloseTo(2 / 3, 15);
  });

  it('is 1 under the full mask, 0 under the empty one, and undefined (NaN) with no dense code at all', () => {
    expect(familyRecovery(new Uint8Array(3 * K).fill(1), dense, K)).toBe(1);
    expect(familyRecovery(new Uint8Array(3 * K), dense, K)).toBe(0);
    expect(familyRecovery(supported, [[], [], [], [], []], K)).toBeNaN();
  });
});
