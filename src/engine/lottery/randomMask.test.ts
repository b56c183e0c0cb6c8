import { describe, expect, it } from 'vitest';
import { mixSeed, Prng } from '../core/prng';
import type { Shape } from '../core/types';
import { keptBudget, maskedCount, prunableCount } from './budget';
import { randomMask } from './randomMask';

const defaults: Shape = { n: 24, m: 16, K: 12 };

describe('randomMask', () => {
  it('keeps exactly `kept` weights, from none to all, at odd sizes too', () => {
    for (const shape of [defaults, { n: 7, m: 5, K: 3 }, { n: 1, m: 1, K: 1 }]) {
      const total = prunableCount(shape);
      for (const kept of [0, 1, keptBudget(0.9, shape), keptBudget(0.5, shape), total - 1, total]) {
        const masks = randomMask(shape, kept, 9);
        expect(masks.W1).toHaveLength(shape.m * shape.n);
        expect(masks.W2).toHaveLength(shape.K * shape.m);
        expect(maskedCount(masks)).toBe(kept);
      }
    }
  });

  it('is a pure function of the seed and differs across seeds', () => {
    expect(randomMask(defaults, 58, 1)).toEqual(randomMask(defaults, 58, 1));
    expect(randomMask(defaults, 58, 1)).not.toEqual(randomMask(defaults, 58, 2));
  });

  it('follows the documented partial Fisher–Yates draw on its own stream', () => {
    const total = prunableCount(defaults);
    const rng = new Prng(mixSeed(7, 0x4d41534b));
    const order = Array.from({ length: total }, (_, i) => i);
    for (let i = 0; i < 115; i++) {
      const j = i + rng.int(total - i);
      [order[i], order[j]] = [order[j], order[i]];
    }
    const masks = randomMask(defaults, 115, 7);
    const keptFlat = [...masks.W1, ...masks.W2].flatMap((v, f) => (v ? [f] : []));
    expect(keptFlat).toEqual(order.slice(0, 115).sort((a, b) => a - b));
  });

  it('spreads the budget over W1 and W2 in proportion to their sizes', () => {
    // 58 of 576: W1 should get 58 · 384/576 ≈ 38.7 on average (sd of the mean over 400 ≈ 0.17).
    let w1 = 0;
    for (let seed = 0; seed < 400; seed++) w1 += maskedCount({ W1: randomMask(defaults, 58, seed).W1, W2: new Uint8Array(0) });
    expect(Math.abs(w1 / 400 - (58 * 384) / 576)).toBeLessThan(0.8);
  });

  it('keeps every weight with about the same probability', () => {
    // kept 288 of 576 over 2000 seeds: each weight's rate ≈ 0.5, sd ≈ 0.011 per weight.
    const total = prunableCount(defaults);
    const hits = new Float64Array(total);
    for (let seed = 0; seed < 2000; seed++) {
      const masks = randomMask(defaults, 288, seed);
      [...masks.W1, ...masks.W2].forEach((v, f) => (hits[f] += v));
    }
    for (const h of hits) expect(Math.abs(h / 2000 - 0.5)).toBeLessThan(0.07);
  });

  it('rejects a budget larger than the net or not a whole number', () => {
    expect(() => randomMask(defaults, 577, 1)).toThrow(RangeError);
    expect(() => randomMask(defaults, 2.5, 1)).toThrow(RangeError);
  });
});
