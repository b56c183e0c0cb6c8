/**
 * The iterative magnitude pruning (IMP) schedule of SPEC 5: each round removes 20% of what
 * remains, but a round that would overshoot the next requested count stops exactly there, so
 * IMP passes through every requested sparsity and a ticket exists at each of them.
 *
 * At the default sizes (576 prunable weights; targets 288, 173, 115, 58 for sparsity 0.5, 0.7,
 * 0.8, 0.9): 461, 369, 295, 288, 230, 184, 173, 138, 115, 92, 74, 59, 58.
 */

/**
 * Kept counts after each IMP round, starting from `total` (not included). A round removes
 * round(rate · current) weights (at least 1, so small counts still make progress) unless that
 * would go below the next target, in which case it stops at the target. `targets` are kept
 * counts in any order; duplicates and counts >= total are ignored. The last element is the
 * smallest target; the result is empty when no target is below `total`.
 * Returns [rounds], strictly decreasing.
 */
export function impSchedule(total: number, targets: number[], rate = 0.2): number[] {
  if (!Number.isInteger(total) || total < 0) throw new RangeError(`impSchedule: total must be a non-negative integer, got ${total}`);
  if (!(rate > 0 && rate < 1)) throw new RangeError(`impSchedule: rate must be in (0, 1), got ${rate}`);
  for (const t of targets) {
    if (!Number.isInteger(t) || t < 0) throw new RangeError(`impSchedule: targets must be non-negative integers, got ${t}`);
  }
  const stops = [...new Set(targets.filter((t) => t < total))].sort((a, b) => b - a);
  const out: number[] = [];
  let current = total;
  for (const stop of stops) {
    while (current > stop) {
      const next = current - Math.max(1, Math.round(rate * current));
      current = Math.max(next, stop);
      out.push(current);
    }
  }
  return out;
}
