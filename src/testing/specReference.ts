/**
 * Test-only arithmetic written straight from the SPEC, sharing no code with the engine: the
 * codes of SPEC 4, re-expression of SPEC 5, and the test-set metrics of SPEC 3 by a plain
 * float64 forward pass. Tests compare the engine's numbers with these.
 */
import type { Batch, Clause, Params, Shape } from '../engine/core/types';

/** φ of weight i in a row: +1 above τσ, −1 below −τσ, else 0 (strict). */
function category(row: ArrayLike<number>, i: number, tau: number): number {
  let sigma = 0;
  for (let l = 0; l < row.length; l++) sigma = Math.max(sigma, Math.abs(row[l]));
  return row[i] > tau * sigma ? 1 : row[i] < -tau * sigma ? -1 : 0;
}

/** SPEC 4: for each clause, the rows j with d(j,c) = 0 and W2[c,j] in the positive category at τ_out. */
export function specCodes(p: Params, shape: Shape, clauses: Clause[], tau: number, tauOut: number): number[][] {
  const { n, m } = shape;
  return clauses.map((cl, c) => {
    const out = Array.from(p.W2.subarray(c * m, (c + 1) * m));
    const rows: number[] = [];
    for (let j = 0; j < m; j++) {
      const w = Array.from(p.W1.subarray(j * n, (j + 1) * n));
      if (cl.inputs.every((i, l) => category(w, i, tau) === cl.template[l]) && category(out, j, tauOut) === 1) rows.push(j);
    }
    return rows;
  });
}

/** SPEC 5: where each clause went after sparse retraining, against the dense final codes. */
export function specReexpression(codes: number[][], dense: number[][]): ('same-row' | 'different-row' | 'lost')[] {
  return codes.map((rows, c) => (rows.length === 0 ? 'lost' : rows.some((j) => dense[c].includes(j)) ? 'same-row' : 'different-row'));
}

export interface SpecScores {
  balancedAccuracy: number;
  exactMatch: number;
  /** Clauses with both positives and negatives in the set (where balanced accuracy is defined). */
  clausesWithBothClasses: number;
}

/** SPEC 3 on a data set: per-clause (TPR + TNR) / 2 averaged over the clauses with both classes; logit > 0 predicts 1. */
export function specScores(p: Params, data: Batch, shape: Shape): SpecScores {
  const { n, m, K } = shape;
  const tp = new Float64Array(K),
    pos = new Float64Array(K),
    tn = new Float64Array(K),
    neg = new Float64Array(K);
  let exact = 0;
  for (let s = 0; s < data.size; s++) {
    const h: number[] = [];
    for (let j = 0; j < m; j++) {
      let a = p.b1[j];
      for (let i = 0; i < n; i++) a += p.W1[j * n + i] * data.x[s * n + i];
      h.push(Math.max(0, a));
    }
    let right = 0;
    for (let c = 0; c < K; c++) {
      let z = p.b2[c];
      for (let j = 0; j < m; j++) z += p.W2[c * m + j] * h[j];
      const y = data.y[s * K + c];
      const yhat = z > 0 ? 1 : 0;
      if (y === 1) {
        pos[c]++;
        if (yhat === 1) tp[c]++;
      } else {
        neg[c]++;
        if (yhat === 0) tn[c]++;
      }
      if (y === yhat) right++;
    }
    if (right === K) exact++;
  }
  // Mean over the clauses where both rates exist (a clause with one class has no balanced accuracy).
  let sum = 0;
  let both = 0;
  for (let c = 0; c < K; c++) {
    if (pos[c] === 0 || neg[c] === 0) continue;
    both++;
    sum += (tp[c] / pos[c] + tn[c] / neg[c]) / 2;
  }
  return { balancedAccuracy: sum / both, exactMatch: exact / data.size, clausesWithBothClasses: both };
}
