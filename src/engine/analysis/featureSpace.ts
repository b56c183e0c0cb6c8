/**
 * Feature space (SPEC 4): where each hidden row sits relative to each clause's code.
 *
 * Notation: w_j = W1[j, :], σ_j = max_i |w_j,i| (the row's scale). The sign category of a
 * weight is +1 if w > τσ_j, −1 if w < −τσ_j, else 0 (strict: exactly ±τσ_j is 0).
 * A code location is a pair (row j, clause c). Its distance d(j,c) counts the clause's
 * literals whose sign category disagrees with the template; the continuous distance d̃ adds,
 * per literal, clamp(1 − t·w/(τσ), 0, 2), which moves smoothly as weights move.
 *
 * Layout of location arrays: `[j * K + c]` (row-major over rows, then clauses).
 */
import type { Clause } from '../core/types';

/**
 * The term a literal adds to d̃ when its weight sits exactly on the strict boundary
 * (t·w = τσ: category 0, a mismatch, yet clamp(...) = 0). Keeps "d̃ = 0 exactly when d = 0".
 */
export const BOUNDARY_TERM = 1e-6;

/** σ_j for every row. W: [rows * cols] row-major; returns [rows]. */
export function rowScales(W: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let j = 0; j < rows; j++) {
    let s = 0;
    for (let i = 0; i < cols; i++) s = Math.max(s, Math.abs(W[j * cols + i]));
    out[j] = s;
  }
  return out;
}

/** Sign categories φ (−1, 0, +1) of every weight. W: [rows * cols]; returns [rows * cols]. */
export function signCategories(W: ArrayLike<number>, rows: number, cols: number, tau: number): Int8Array {
  const scales = rowScales(W, rows, cols);
  const out = new Int8Array(rows * cols);
  for (let j = 0; j < rows; j++) {
    const t = tau * scales[j];
    for (let i = 0; i < cols; i++) {
      const w = W[j * cols + i];
      out[j * cols + i] = w > t ? 1 : w < -t ? -1 : 0;
    }
  }
  return out;
}

export interface Distances {
  /** d(j,c) in 0..k, [m * K]. */
  d: Uint8Array;
  /** d̃(j,c) >= 0, [m * K]. */
  dTilde: Float32Array;
}

/**
 * Distances of every location to its clause's code. `negate` measures the distance to the
 * negated template −t_c instead (inhibitory codes).
 * W1: [m * n]; returns arrays of [m * K].
 */
export function distances(W1: ArrayLike<number>, m: number, n: number, clauses: Clause[], tau: number, negate = false): Distances {
  const K = clauses.length;
  const scales = rowScales(W1, m, n);
  const d = new Uint8Array(m * K);
  const dTilde = new Float32Array(m * K);
  const sign = negate ? -1 : 1;
  for (let j = 0; j < m; j++) {
    const threshold = tau * scales[j];
    for (let c = 0; c < K; c++) {
      const { inputs, template } = clauses[c];
      let dist = 0;
      let cont = 0;
      for (let l = 0; l < inputs.length; l++) {
        const t = sign * template[l];
        const w = W1[j * n + inputs[l]];
        const category = w > threshold ? 1 : w < -threshold ? -1 : 0;
        const mismatch = category !== t;
        if (mismatch) dist++;
        if (threshold === 0) {
          cont += 1;
        } else {
          const term = Math.min(2, Math.max(0, 1 - (t * w) / threshold));
          cont += mismatch && term === 0 ? BOUNDARY_TERM : term;
        }
      }
      d[j * K + c] = dist;
      dTilde[j * K + c] = cont;
    }
  }
  return { d, dTilde };
}

/**
 * Readout categories of W2 (SPEC 4): +1 when W2[c,j] > τ_out·max_j'|W2[c,j']|, −1 when below
 * the negative threshold, else 0. The threshold is per output row. W2: [K * m]; returns [K * m].
 */
export function readoutCategories(W2: ArrayLike<number>, K: number, m: number, tauOut: number): Int8Array {
  return signCategories(W2, K, m, tauOut);
}

/** Two clauses conflict when they share an input with opposite template signs. */
export function conflicts(a: Clause, b: Clause): boolean {
  for (let l = 0; l < a.inputs.length; l++) {
    const at = b.inputs.indexOf(a.inputs[l]);
    if (at >= 0 && b.template[at] !== a.template[l]) return true;
  }
  return false;
}
