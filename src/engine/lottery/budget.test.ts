import { describe, expect, it } from 'vitest';
import { keptBudget, maskedCount, prunableCount, sparsityOf } from './budget';

const defaults = { n: 24, m: 16, K: 12 };

describe('the weight budget', () => {
  it('counts the m·n + K·m weights and never the biases', () => {
    expect(prunableCount(defaults)).toBe(576);
    expect(prunableCount({ n: 7, m: 3, K: 5 })).toBe(21 + 15);
  });

  it('keeps 288, 173, 115, 58 and 29 of 576 at sparsity 0.5, 0.7, 0.8, 0.9 and 0.95', () => {
    expect([0.5, 0.7, 0.8, 0.9, 0.95].map((s) => keptBudget(s, defaults))).toEqual([288, 173, 115, 58, 29]);
    expect(keptBudget(0, defaults)).toBe(576);
  });

  it('rounds an exact half up even when float arithmetic lands just below it', () => {
    // (1 − 0.9) · 15 is 1.5 in decimals but 1.4999999999999996 in floats.
    expect(keptBudget(0.9, { n: 7, m: 1, K: 8 })).toBe(2);
    // (1 − 0.78) · 25 = 5.5 (float: 5.499999999999999).
    expect(keptBudget(0.78, { n: 12, m: 1, K: 13 })).toBe(6);
  });

  it('rejects sparsities outside [0, 1)', () => {
    for (const s of [1, -0.1, 1.5, NaN]) expect(() => keptBudget(s, defaults)).toThrow(RangeError);
  });

  it('counts kept weights over W1 and W2 together, and sparsity as the pruned fraction', () => {
    const masks = { W1: Uint8Array.from([1, 0, 1, 1, 0, 0]), W2: Uint8Array.from([0, 1]) };
    expect(maskedCount(masks)).toBe(4);
    expect(sparsityOf(masks)).toBeCloseTo(0.5, 12);
    expect(sparsityOf({ W1: new Uint8Array(4).fill(1), W2: new Uint8Array(2).fill(1) })).toBe(0);
  });
});
