/**
 * Feature space (SPEC 4): where each hidden row sits, as a ternary sign pattern.
 *
 * Notation: w_j = W1[j, :], σ_j = max_i |w_j,i| (the row's scale). The sign category of a
 * weight is +1 if w > τσ_j, −1 if w < −τσ_j, else 0 (strict: exactly ±τσ_j is 0).
 */

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
