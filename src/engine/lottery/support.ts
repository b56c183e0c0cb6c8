/**
 * A mask seen in feature space (SPEC 5): which code locations (row j, clause c) a mask leaves
 * intact. Claim 1 compares the supported locations' d_0 with all locations' d_0.
 */
import type { Clause, Masks, Shape } from '../core/types';
import { assertMasksFit } from './budget';

/**
 * The mask supports location (j, c) when it keeps all of W1[j, S_c] and W2[c, j].
 * masks.W1: [m*n], masks.W2: [K*m]; clauses: [K]. Returns [m*K] (index j*K + c) of 0/1.
 */
export function supportedLocations(masks: Masks, clauses: Clause[], shape: Shape): Uint8Array {
  const { n, m, K } = shape;
  assertMasksFit(masks, shape);
  if (clauses.length !== K) throw new RangeError(`supportedLocations: ${clauses.length} clauses for K=${K}`);
  const out = new Uint8Array(m * K);
  for (let j = 0; j < m; j++) {
    for (let c = 0; c < K; c++) {
      const keepsRow = clauses[c].inputs.every((i) => masks.W1[j * n + i] !== 0);
      out[j * K + c] = keepsRow && masks.W2[c * m + j] !== 0 ? 1 : 0;
    }
  }
  return out;
}

/**
 * Family recovery of a mask (SPEC 6): of the clauses with a dense final code (F_c not empty),
 * the fraction whose final code location (j, c), for some j in F_c, the mask supports. NaN when
 * no clause has a dense code (the fraction has no denominator).
 * `supported`: supportedLocations' [m*K]; `denseCodes[c]`: the rows of F_c.
 */
export function familyRecovery(supported: Uint8Array, denseCodes: readonly (readonly number[])[], K: number): number {
  const coded = denseCodes.map((rows, c) => ({ rows, c })).filter((x) => x.rows.length > 0);
  if (coded.length === 0) return NaN;
  return coded.filter((x) => x.rows.some((j) => supported[j * K + x.c] === 1)).length / coded.length;
}
