import { describe, expect, it } from 'vitest';
import { clausesFromUrl, clausesProblem, clausesToUrl, parseClause, sameClauses } from './clauseSyntax';
import { clauseText, generateTask } from './task';

const shape = { n: 24, k: 3 };

describe('a clause typed as text', () => {
  it('reads the panel’s form and the keyboard forms alike, inputs ascending', () => {
    const want = { clause: { inputs: [3, 7, 12], template: [1, -1, 1] } };
    for (const text of ['x3 ∧ ¬x7 ∧ x12', 'x3 & !x7 & x12', 'x12&x3&~x7', ' x3 AND ¬ x7 and x12 ', 'x3 && !x7 && X12', '¬x7∧x12∧x3']) {
      expect(parseClause(text, shape), text).toEqual(want);
    }
  });

  it('says what is wrong', () => {
    expect(parseClause('x3 ∧ ¬x7 ∧ x30', shape)).toEqual({ error: 'x30 is beyond n = 24 (inputs are x0 to x23)' });
    expect(parseClause('x3 ∧ ¬x3 ∧ x12', shape)).toEqual({ error: 'x3 appears twice' });
    expect(parseClause('x3 ∧ x12', shape)).toEqual({ error: 'needs exactly k = 3 literals, not 2' });
    expect(parseClause('', shape)).toEqual({ error: 'needs exactly k = 3 literals, e.g. x0 ∧ ¬x1' });
    expect(parseClause('x3 ∧ y7 ∧ x12', shape)).toEqual({ error: '“y7” is not a literal like x3 or ¬x7' });
    expect(parseClause('x3 ∧ x07 ∧ x12', shape)).toHaveProperty('error');
    expect(parseClause('x3 ∧ ∧ x12', shape)).toHaveProperty('error');
    expect(parseClause('x3 | x7 | x12', shape)).toHaveProperty('error');
  });

  it('reads back every clause the task seed draws, as the panel writes it', () => {
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 7);
    for (const c of task.clauses) expect(parseClause(clauseText(c), shape)).toEqual({ clause: c });
  });
});

describe('clauses in the URL', () => {
  const clauses = [
    { inputs: [3, 7, 12], template: [1, -1, 1] },
    { inputs: [1, 2, 5], template: [1, 1, -1] },
  ];

  it('writes literals by ".", clauses by "_", NOT as "n", and reads them back', () => {
    expect(clausesToUrl(clauses)).toBe('3.n7.12_1.2.n5');
    expect(clausesFromUrl('3.n7.12_1.2.n5', { ...shape, K: 2 })).toEqual({ clauses });
    expect(clausesFromUrl('n7.12.3_n5.2.1', { ...shape, K: 2 })).toEqual({ clauses });
  });

  it('refuses anything that does not fit the task', () => {
    expect(clausesFromUrl('3.n7.12', { ...shape, K: 2 })).toEqual({ error: 'needs exactly K = 2 clauses, not 1' });
    expect(clausesFromUrl('3.n7.12_1.2.n50', { ...shape, K: 2 })).toEqual({ error: 'clause 1: x50 is beyond n = 24 (inputs are x0 to x23)' });
    expect(clausesFromUrl('3.n7.3_1.2.5', { ...shape, K: 2 })).toEqual({ error: 'clause 0: x3 appears twice' });
    expect(clausesFromUrl('3.7_1.2.5', { ...shape, K: 2 })).toEqual({ error: 'clause 0: needs exactly k = 3 literals, not 2' });
    for (const bad of ['', 'x3.7.12_1.2.5', '3..12_1.2.5', '03.7.12_1.2.5', '3.-7.12_1.2.5', '3.7.12_1.2.5_']) {
      expect(clausesFromUrl(bad, { ...shape, K: 2 }), bad).toHaveProperty('error');
    }
  });

  it('checks clauses handed to the worker', () => {
    expect(clausesProblem(clauses, { ...shape, K: 2 })).toBeNull();
    expect(clausesProblem(clauses, { ...shape, K: 3 })).toBe('needs exactly K = 3 clauses');
    expect(clausesProblem([clauses[0], { inputs: [1, 2, 2], template: [1, 1, 1] }], { ...shape, K: 2 })).toBe('clause 1: x2 appears twice');
    expect(clausesProblem([clauses[0], { inputs: [1, 2, 3], template: [1, 0, 1] }], { ...shape, K: 2 })).toBe('clause 1 is malformed');
    expect(
      sameClauses(
        clauses,
        clauses.map((c) => ({ ...c })),
      ),
    ).toBe(true);
    expect(sameClauses(clauses, [clauses[1], clauses[0]])).toBe(false);
  });
});
