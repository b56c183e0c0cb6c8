import { describe, expect, it } from 'vitest';
import { applyMasks, initParams, maxAbsDiff } from './params';

describe('initParams', () => {
  const shape = { n: 24, m: 16, K: 12 };

  it('draws every weight and bias from U(-1/sqrt(fan_in), 1/sqrt(fan_in)), biases included', () => {
    const p = initParams(shape, 2);
    const b1 = 1 / Math.sqrt(24);
    const b2 = 1 / Math.sqrt(16);
    for (const v of [...p.W1, ...p.b1]) expect(Math.abs(v)).toBeLessThanOrEqual(b1);
    for (const v of [...p.W2, ...p.b2]) expect(Math.abs(v)).toBeLessThanOrEqual(b2);
    expect(p.b1.every((v) => v !== 0)).toBe(true);
    expect(Math.max(...p.W1.map(Math.abs))).toBeGreaterThan(0.9 * b1);
    expect(p.W1).toHaveLength(16 * 24);
    expect(p.W2).toHaveLength(12 * 16);
  });

  it('is a pure function of the init seed', () => {
    expect(maxAbsDiff(initParams(shape, 2), initParams(shape, 2))).toBe(0);
    expect(maxAbsDiff(initParams(shape, 2), initParams(shape, 3))).toBeGreaterThan(0);
  });

  it('zeroes exactly the pruned weights and never the biases', () => {
    const p = initParams(shape, 2);
    const W1 = new Uint8Array(16 * 24).map((_, i) => (i % 3 === 0 ? 0 : 1));
    const W2 = new Uint8Array(12 * 16).map((_, i) => (i % 2 === 0 ? 0 : 1));
    const before = initParams(shape, 2);
    applyMasks(p, { W1, W2 });
    p.W1.forEach((v, i) => expect(v).toBe(W1[i] ? before.W1[i] : 0));
    p.W2.forEach((v, i) => expect(v).toBe(W2[i] ? before.W2[i] : 0));
    expect(Array.from(p.b1)).toEqual(Array.from(before.b1));
  });
});
