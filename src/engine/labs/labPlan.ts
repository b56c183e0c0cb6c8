/**
 * How big a lab request is before any of it runs: the model-steps it trains in all (what its
 * progress bar counts) and the most models one batched computation holds at once (what sets
 * its working memory). The lottery lab and the probe comparison take their totals from here,
 * and the worker checks a request against the hard limits (settings/limits.ts) with the same
 * numbers, so the estimate and the work can never disagree.
 */
import { impSchedule, keptBudget, prunableCount } from '../lottery';
import type { Shape } from '../core/types';

export interface LabPlan {
  /** Models × data steps over the whole lab, extra seeds' dense runs included. */
  modelSteps: number;
  /** The most models trained together in one phase. */
  modelsAtOnce: number;
}

/** Kept-weight counts of the lottery's pruning levels: every IMP round, or each distinct one-shot target (descending). */
export function lotterySchedule(shape: Shape, mode: 'oneshot' | 'imp', sparsities: readonly number[]): number[] {
  const targets = sparsities.map((s) => keptBudget(s, shape));
  return mode === 'imp' ? impSchedule(prunableCount(shape), targets) : [...new Set(targets)].sort((a, b) => b - a);
}

/**
 * The lottery lab (lotteryExperiment.ts): the extra seeds' dense runs (one phase), then per
 * pruning level every seed's ticket and two controls from k_r to the last step. IMP trains one
 * level per phase; one-shot trains every level in a single phase.
 */
export function lotteryPlan(shape: Shape, steps: number, l: { mode: 'oneshot' | 'imp'; sparsities: readonly number[]; rewindStep: number; seeds: readonly number[] }): LabPlan {
  const levels = lotterySchedule(shape, l.mode, l.sparsities).length;
  const seeds = l.seeds.length;
  const extra = seeds - 1;
  return {
    modelSteps: extra * steps + seeds * 3 * (steps - l.rewindStep) * levels,
    modelsAtOnce: Math.max(extra, seeds * 3 * (l.mode === 'imp' ? Math.min(1, levels) : levels)),
  };
}

/** IMP rounds the comparison's `imp` method needs to reach every chosen sparsity (none without it). */
export function comparisonImpCounts(shape: Shape, methods: readonly string[], sparsities: readonly number[]): number[] {
  if (!methods.includes('imp')) return [];
  return impSchedule(
    prunableCount(shape),
    sparsities.map((s) => keptBudget(s, shape)),
  );
}

/**
 * The probe comparison (probeComparison.ts): the extra seeds' dense runs, the IMP rounds (every
 * seed at once), then one phase per (seed, sparsity) that trains every method's mask together.
 */
export function comparisonPlan(shape: Shape, steps: number, c: { methods: readonly string[]; sparsities: readonly number[]; seeds: readonly number[] }): LabPlan {
  const seeds = c.seeds.length;
  const rounds = comparisonImpCounts(shape, c.methods, c.sparsities).length;
  return {
    modelSteps: (seeds - 1) * steps + rounds * seeds * steps + c.methods.length * c.sparsities.length * seeds * steps,
    modelsAtOnce: Math.max(seeds - 1, rounds > 0 ? seeds : 0, c.sparsities.length > 0 ? c.methods.length : 0),
  };
}
