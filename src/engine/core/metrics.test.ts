import { describe, expect, it } from 'vitest';
import { Evaluator } from './metrics';
import { Prng } from './prng';
import { generateTask, sampleBatch } from './task';
import type { Params } from './types';

/** A hand-built net that computes clause c exactly: row c fires only when all literals hold. */
function exactNet(clauses: { inputs: number[]; template: number[] }[], n: number): Params {
  const K = clauses.length;
  const W1 = new Float32Array(K * n);
  const b1 = new Float32Array(K);
  clauses.forEach((c, j) => {
    let positives = 0;
    c.inputs.forEach((i, l) => {
      W1[j * n + i] = c.template[l] > 0 ? 1 : -1;
      if (c.template[l] > 0) positives++;
    });
    b1[j] = -(positives - 1); // pre-activation is 1 when every literal holds, <= 0 otherwise
  });
  const W2 = new Float32Array(K * K);
  for (let c = 0; c < K; c++) W2[c * K + c] = 20;
  const b2 = new Float32Array(K).fill(-10);
  return { W1, b1, W2, b2 };
}

describe('Evaluator', () => {
  const task = generateTask({ n: 10, K: 4, k: 2, p: 0.5, q: 0.3 }, 3);
  const data = sampleBatch(task, 3000, new Prng(5));
  const evaluator = new Evaluator(data, 10, 4);

  it('scores a network that computes every clause at balanced accuracy 1 and exact match 1', () => {
    const m = evaluator.evaluate(exactNet(task.clauses, 10));
    expect(m.balancedAccuracy).toBe(1);
    expect(m.exactMatch).toBe(1);
    expect(m.loss).toBeLessThan(1e-3);
  });

  it('scores an always-negative network at balanced accuracy 0.5 and loss log 2 at zero logits', () => {
    const zero = { W1: new Float32Array(40), b1: new Float32Array(4), W2: new Float32Array(16), b2: new Float32Array(4) };
    const m = evaluator.evaluate(zero);
    expect(m.balancedAccuracy).toBeCloseTo(0.5, 12);
    expect(m.loss).toBeCloseTo(Math.log(2), 6);
    let allNegative = 0;
    for (let s = 0; s < data.size; s++) if ([0, 1, 2, 3].every((c) => data.y[s * 4 + c] === 0)) allNegative++;
    expect(m.exactMatch).toBeCloseTo(allNegative / data.size, 12);
  });

  it('averages per-clause balanced accuracy: one clause inverted costs exactly a quarter of it', () => {
    const net = exactNet(task.clauses, 10);
    net.W2[0] = -20; // output 0 now says "no" when its clause holds...
    net.b2[0] = 10; // ...and "yes" otherwise: TPR = TNR = 0 for clause 0
    expect(evaluator.evaluate(net).balancedAccuracy).toBeCloseTo(0.75, 12);
  });

  it('leaves a clause with no positives out of balanced accuracy, instead of scoring it by its one rate', () => {
    // Four samples, n = 2, K = 2. Clause 0 has two positives and two negatives; clause 1 none
    // positive. A net that says "yes" to everything: clause 0 gets (1 + 0) / 2; clause 1 has
    // no balanced accuracy (its TNR of 0 alone would drag the mean to 0.25).
    const data = { x: Float32Array.from([1, 0, 1, 1, 0, 0, 0, 1]), y: Float32Array.from([1, 0, 1, 0, 0, 0, 0, 0]), size: 4 };
    const yes: Params = { W1: new Float32Array(2), b1: new Float32Array(1), W2: new Float32Array(2), b2: Float32Array.from([5, 5]) };
    const m = new Evaluator(data, 2, 2).evaluate(yes);
    expect(m.balancedAccuracy).toBeCloseTo(0.5, 12);
    // Exact match: all K outputs right only where both labels are 1 (never).
    expect(m.exactMatch).toBe(0);
  });
});
