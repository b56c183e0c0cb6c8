import { describe, expect, it } from 'vitest';
import type { Clause, Masks, Params, Shape } from '../core/types';
import { FAMILY_DRAWS, familyAgainstRandom, familyStats, initView } from './families';

// n = 4, m = 2, K = 3. Clause 0: x0 ∧ x1; clause 1: ¬x1 ∧ x2 (conflicts with clause 0 on x1);
// clause 2: x2 ∧ x3 (conflicts with neither).
const shape: Shape = { n: 4, m: 2, K: 3 };
const clauses: Clause[] = [
  { inputs: [0, 1], template: [1, 1] },
  { inputs: [1, 2], template: [-1, 1] },
  { inputs: [2, 3], template: [1, 1] },
];
// Row 0 = (1, 1, 0.1, −0.5): φ at τ 0.3 = (+, +, 0, −). Row 1 = (0.2, −1, 1, 0.9): φ = (0, −, +, +).
const init: Params = {
  W1: Float32Array.from([1, 1, 0.1, -0.5, 0.2, -1, 1, 0.9]),
  b1: new Float32Array(2),
  W2: new Float32Array(6).fill(1),
  b2: new Float32Array(3),
};
const v = initView(init, shape, clauses, 0.3);
const all: Masks = { W1: new Uint8Array(8).fill(1), W2: new Uint8Array(6).fill(1) };

describe('claim 3: a family of code locations', () => {
  it('measures size, mean d₀, conflicting pairs and active off-clause weights, as counted by hand', () => {
    // d₀: row 0 → c0: 0, c1: x1 is + not −, x2 is 0 not + → 2, c2: 0≠+ and −≠+ → 2.
    //     row 1 → c0: x0 0≠+, x1 −≠+ → 2; c1: 0; c2: 0.
    expect(Array.from(v.d0)).toEqual([0, 2, 2, 2, 0, 0]);
    // Family {(0,c0), (0,c1), (1,c2)}: mean d₀ (0 + 2 + 0) / 3; one conflicting pair (c0 and c1
    // on row 0); off-clause active weights: (0,c0): x3 (−) → 1; (0,c1): x0 (+), x3 (−) → 2;
    // (1,c2): x1 (−) → 1 (x0 is 0). Total 4.
    expect(familyStats([0, 1, 5], all, v)).toEqual({ size: 3, meanD0: 2 / 3, conflictingPairs: 1, offClauseWeights: 4 });
    // A mask that prunes W1[0, 3] removes one off-clause weight from each of (0,c0) and (0,c1).
    const pruned = { ...all, W1: Uint8Array.from([1, 1, 1, 0, 1, 1, 1, 1]) };
    expect(familyStats([0, 1, 5], pruned, v).offClauseWeights).toBe(2);
  });

  it('takes the family a mask supports, and compares it with random families of its size', () => {
    // Keep W1[0, {0, 1}] and W2[0, 0] only (plus row 1 whole, readouts of clause 2): the mask
    // supports (0, c0), (1, c1), (1, c2), all at d₀ 0. Clauses 1 and 2 share x2 with one sign:
    // no conflict. Off-clause: (0,c0) none kept; (1,c1): x3 (+); (1,c2): x1 (−). Total 2.
    const masks: Masks = { W1: Uint8Array.from([1, 1, 0, 0, 1, 1, 1, 1]), W2: Uint8Array.from([1, 0, 0, 1, 0, 1]) };
    const { family, random } = familyAgainstRandom(masks, v);
    expect(family).toEqual({ size: 3, meanD0: 0, conflictingPairs: 0, offClauseWeights: 2 });
    expect(random.size).toBe(3);
    // Over all 20 subsets of 3 of the 6 locations, mean d₀ averages the mean of d₀ (6/6 = 1):
    // 200 draws land near it, and far from the family's 0.
    expect(random.meanD0).toBeGreaterThan(0.8);
    expect(random.meanD0).toBeLessThan(1.2);
    expect(FAMILY_DRAWS).toBe(200);
    // Same draws every time (a fixed PRNG seed).
    expect(familyAgainstRandom(masks, v).random).toEqual(random);
  });
});
