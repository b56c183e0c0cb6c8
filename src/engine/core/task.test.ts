import { describe, expect, it } from 'vitest';
import { Prng } from './prng';
import { BatchStream, clauseText, generateTask, sampleBatch, testSet, trainingBatch, TEST_SET_SIZE } from './task';
import type { Clause } from './types';

const CONFIG = { n: 24, K: 12, k: 3, p: 0.5, q: 0.25 };

function holds(clause: Clause, x: ArrayLike<number>, off: number): boolean {
  return clause.inputs.every((i, l) => (clause.template[l] > 0 ? x[off + i] === 1 : x[off + i] === 0));
}

describe('generateTask', () => {
  it('draws K clauses of k distinct, ascending inputs with ±1 templates', () => {
    const task = generateTask(CONFIG, 1);
    expect(task.clauses).toHaveLength(12);
    for (const c of task.clauses) {
      expect(c.inputs).toHaveLength(3);
      expect(new Set(c.inputs).size).toBe(3);
      expect([...c.inputs].sort((a, b) => a - b)).toEqual(c.inputs);
      for (const i of c.inputs) expect(i >= 0 && i < 24).toBe(true);
      for (const t of c.template) expect([1, -1]).toContain(t);
    }
  });

  it('is a pure function of the task seed', () => {
    expect(generateTask(CONFIG, 5)).toEqual(generateTask(CONFIG, 5));
    expect(generateTask(CONFIG, 5)).not.toEqual(generateTask(CONFIG, 6));
  });

  it('uses both signs and many inputs across clauses (templates and inputs are random)', () => {
    const task = generateTask({ ...CONFIG, K: 40 }, 2);
    const signs = task.clauses.flatMap((c) => c.template);
    expect(signs.filter((s) => s > 0).length).toBeGreaterThan(30);
    expect(signs.filter((s) => s < 0).length).toBeGreaterThan(30);
    expect(new Set(task.clauses.flatMap((c) => c.inputs)).size).toBeGreaterThan(20);
  });

  it('refuses k > n', () => {
    expect(() => generateTask({ ...CONFIG, n: 2, k: 3 }, 1)).toThrow(/k \(3\) must not exceed n \(2\)/);
  });

  it('writes clauses as literals', () => {
    expect(clauseText({ inputs: [3, 7, 12], template: [1, -1, 1] })).toBe('x3 ∧ ¬x7 ∧ x12');
  });
});

describe('samples', () => {
  const task = generateTask(CONFIG, 1);

  it('labels a clause 1 exactly when all its literals hold in the final x', () => {
    const b = sampleBatch(task, 2000, new Prng(11));
    let positives = 0;
    for (let s = 0; s < b.size; s++) {
      task.clauses.forEach((c, ci) => {
        const expected = holds(c, b.x, s * 24) ? 1 : 0;
        expect(b.y[s * 12 + ci]).toBe(expected);
        positives += expected;
      });
    }
    expect(positives).toBeGreaterThan(0);
  });

  it('plants: with q = 1 the last clause always holds; with q = 0 positives occur at about 2^-k', () => {
    const planted = sampleBatch(generateTask({ ...CONFIG, q: 1 }, 1), 500, new Prng(1));
    for (let s = 0; s < 500; s++) expect(planted.y[s * 12 + 11]).toBe(1);
    const plain = sampleBatch(generateTask({ ...CONFIG, q: 0 }, 1), 8000, new Prng(1));
    const rate = plain.y.reduce((a, v) => a + v, 0) / plain.y.length;
    expect(Math.abs(rate - 1 / 8)).toBeLessThan(0.01);
  });

  it('draws bits with probability p', () => {
    const b = sampleBatch(generateTask({ ...CONFIG, p: 0.2, q: 0 }, 1), 4000, new Prng(2));
    const mean = b.x.reduce((a, v) => a + v, 0) / b.x.length;
    expect(Math.abs(mean - 0.2)).toBeLessThan(0.01);
  });

  it('gives training batch t the same bits however it is reached', () => {
    const stream = new BatchStream(task, 64, 3);
    for (const t of [0, 1, 57, 2999]) {
      const direct = trainingBatch(task, 64, 3, t);
      const reused = stream.at(t);
      expect(Array.from(reused.x)).toEqual(Array.from(direct.x));
      expect(Array.from(reused.y)).toEqual(Array.from(direct.y));
    }
    expect(Array.from(trainingBatch(task, 64, 3, 1).x)).not.toEqual(Array.from(trainingBatch(task, 64, 3, 2).x));
    expect(Array.from(trainingBatch(task, 64, 4, 1).x)).not.toEqual(Array.from(trainingBatch(task, 64, 3, 1).x));
  });

  it('keeps a fixed 8192-sample test set per test seed', () => {
    const a = testSet(task, 4);
    expect(a.size).toBe(TEST_SET_SIZE);
    expect(Array.from(testSet(task, 4).x)).toEqual(Array.from(a.x));
    expect(Array.from(testSet(task, 5).x)).not.toEqual(Array.from(a.x));
  });
});
