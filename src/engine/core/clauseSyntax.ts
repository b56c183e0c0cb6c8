/**
 * Clauses written by hand (SPEC 2: a task you can edit). Two forms, both pure:
 *  - text, as the task panel shows it: "x3 ∧ ¬x7 ∧ x12", also "x3 & !x7 & x12", "~x7",
 *    "x3 AND x7" (spaces optional, any order; the clause is stored ascending);
 *  - the URL form: literals by '.', clauses by '_', 'n' = NOT, e.g. "3.n7.12_1.2.n5".
 * Each answers the clause(s) or one short message saying what is wrong.
 */
import { generateTask } from './task';
import type { Clause, TaskConfig } from './types';

export type ClauseResult = { clause: Clause } | { error: string };

/** The task's size a clause must fit: inputs x0..x(n-1), exactly k literals. */
export interface ClauseShape {
  n: number;
  k: number;
}

/** One clause from literals (input, sign), checked against the shape; inputs come back ascending. */
function fromLiterals(literals: { input: number; sign: 1 | -1 }[], { n, k }: ClauseShape): ClauseResult {
  const seen = new Set<number>();
  for (const { input } of literals) {
    if (input >= n) return { error: `x${input} is beyond n = ${n} (inputs are x0 to x${n - 1})` };
    if (seen.has(input)) return { error: `x${input} appears twice` };
    seen.add(input);
  }
  if (literals.length !== k) return { error: `needs exactly k = ${k} literals, not ${literals.length}` };
  const sorted = [...literals].sort((a, b) => a.input - b.input);
  return { clause: { inputs: sorted.map((l) => l.input), template: sorted.map((l) => l.sign) } };
}

const NUMBER = /^(0|[1-9][0-9]{0,5})$/;

/** A clause typed as text: literals xI or NOT xI (¬ ! ~), joined by ∧, &, && or AND. */
export function parseClause(text: string, shape: ClauseShape): ClauseResult {
  const trimmed = text.trim();
  if (trimmed === '') return { error: `needs exactly k = ${shape.k} literals, e.g. x0 ∧ ¬x1` };
  const parts = trimmed.split(/\s*(?:∧|&&|&|\bAND\b|\band\b)\s*/);
  const literals: { input: number; sign: 1 | -1 }[] = [];
  for (const part of parts) {
    const m = /^([¬!~]?)\s*[xX]\s*([0-9]+)$/.exec(part.trim());
    if (!m || !NUMBER.test(m[2])) return { error: `“${part.trim().slice(0, 20)}” is not a literal like x3 or ¬x7` };
    literals.push({ input: Number(m[2]), sign: m[1] ? -1 : 1 });
  }
  return fromLiterals(literals, shape);
}

/** The URL form of custom clauses, e.g. "3.n7.12_1.2.n5". */
export function clausesToUrl(clauses: readonly Clause[]): string {
  return clauses.map((c) => c.inputs.map((i, l) => `${c.template[l] > 0 ? '' : 'n'}${i}`).join('.')).join('_');
}

/** Clauses from their URL form: exactly K of them, each fitting (n, k); or the first problem. */
export function clausesFromUrl(text: string, shape: ClauseShape & { K: number }): { clauses: Clause[] } | { error: string } {
  const parts = text.split('_');
  if (parts.length !== shape.K) return { error: `needs exactly K = ${shape.K} clauses, not ${parts.length}` };
  const clauses: Clause[] = [];
  for (let c = 0; c < parts.length; c++) {
    const literals: { input: number; sign: 1 | -1 }[] = [];
    for (const lit of parts[c].split('.')) {
      const m = /^(n?)([0-9]+)$/.exec(lit);
      if (!m || !NUMBER.test(m[2])) return { error: `clause ${c}: “${lit.slice(0, 12)}” is not a literal like 3 or n7` };
      literals.push({ input: Number(m[2]), sign: m[1] ? -1 : 1 });
    }
    const r = fromLiterals(literals, shape);
    if ('error' in r) return { error: `clause ${c}: ${r.error}` };
    clauses.push(r.clause);
  }
  return { clauses };
}

/** Why `clauses` cannot be a task of this size (K clauses of k distinct inputs below n); null when they can. */
export function clausesProblem(clauses: readonly Clause[], shape: ClauseShape & { K: number }): string | null {
  if (!Array.isArray(clauses) || clauses.length !== shape.K) return `needs exactly K = ${shape.K} clauses`;
  for (let c = 0; c < clauses.length; c++) {
    const { inputs, template } = clauses[c] ?? {};
    if (!Array.isArray(inputs) || !Array.isArray(template) || inputs.length !== template.length) return `clause ${c} is malformed`;
    if (!inputs.every((i) => Number.isInteger(i) && i >= 0) || !template.every((t) => t === 1 || t === -1)) return `clause ${c} is malformed`;
    const r = fromLiterals(
      inputs.map((input, l) => ({ input, sign: template[l] as 1 | -1 })),
      shape,
    );
    if ('error' in r) return `clause ${c}: ${r.error}`;
  }
  return null;
}

/** True when the two lists hold the same clauses in the same order. */
export function sameClauses(a: readonly Clause[], b: readonly Clause[]): boolean {
  return a.length === b.length && a.every((c, i) => c.inputs.join() === b[i].inputs.join() && c.template.join() === b[i].template.join());
}

/** `clauses`, or null when they are the ones the task seed draws (nothing custom to keep or share). */
export function customClauses(clauses: Clause[], config: TaskConfig, taskSeed: number): Clause[] | null {
  return sameClauses(clauses, generateTask(config, taskSeed).clauses) ? null : clauses;
}
