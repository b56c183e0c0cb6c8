/**
 * The weight budget of SPEC 5: at sparsity s every method keeps exactly
 * round((1 − s)(mn + Km)) weights of W1 ∪ W2. Biases are always kept and never counted, so
 * every count here is over the m·n + K·m prunable weights only. One module computes the
 * budget so that probes, baselines and IMP can never disagree by one weight.
 */
import type { Masks, Shape } from '../core/types';

/** Prunable weights: m·n (W1) + K·m (W2). Biases are never counted. */
export function prunableCount(shape: Shape): number {
  return shape.m * shape.n + shape.K * shape.m;
}

/**
 * Weights kept at sparsity `s` in [0, 1): round((1 − s) · prunableCount).
 * The product is snapped to 1e-6 before rounding so that a float error such as
 * 3.4999999999999996 (meaning 3.5) still rounds half up, as the decimal arithmetic would.
 */
export function keptBudget(sparsity: number, shape: Shape): number {
  if (!(sparsity >= 0 && sparsity < 1)) throw new RangeError(`sparsity must be in [0, 1), got ${sparsity}`);
  const exact = (1 - sparsity) * prunableCount(shape);
  return Math.round(Math.round(exact * 1e6) / 1e6);
}

/** Kept weights (mask value 1) in W1 ∪ W2. masks.W1: [m*n], masks.W2: [K*m]. */
export function maskedCount(masks: Masks): number {
  let kept = 0;
  for (let i = 0; i < masks.W1.length; i++) if (masks.W1[i]) kept++;
  for (let i = 0; i < masks.W2.length; i++) if (masks.W2[i]) kept++;
  return kept;
}

/** 1 − kept / total over W1 ∪ W2 (0 for an empty mask). */
export function sparsityOf(masks: Masks): number {
  const total = masks.W1.length + masks.W2.length;
  return total === 0 ? 0 : 1 - maskedCount(masks) / total;
}

/** Throws unless the masks have the lengths of `shape` (W1 [m*n], W2 [K*m]). Internal check. */
export function assertMasksFit(masks: Masks, shape: Shape): void {
  if (masks.W1.length !== shape.m * shape.n || masks.W2.length !== shape.K * shape.m) {
    throw new RangeError(`masks of lengths W1 ${masks.W1.length}, W2 ${masks.W2.length} do not fit n=${shape.n}, m=${shape.m}, K=${shape.K}`);
  }
}

/** Throws unless `kept` is an integer in [0, max]. */
export function assertKept(kept: number, max: number, what: string): void {
  if (!Number.isInteger(kept) || kept < 0 || kept > max) {
    throw new RangeError(`${what}: kept must be an integer in [0, ${max}], got ${kept}`);
  }
}
