/**
 * Claims 3, 4 and 5 of one lab's retrained masks, at the given analysis settings (SPEC 8):
 * families against random families (per method and sparsity, mean over seeds), re-expression
 * pooled over seeds, and the probes against every other finder. The worker computes them when a
 * lab's results arrive and again after any change of τ, τ_out, r or the readout rule.
 */
import type { FeatureSettings } from '../analysis/runAnalysis';
import type { Experiment } from '../core/experiment';
import type { Masks, Params } from '../core/types';
import { familyAgainstRandom, initView, type FamilyStats } from './families';
import { probeClaims, reexpressionClaims, type LabResult, type ProbeComparisonClaim, type ReexpressionClaim } from './labClaims';

export interface FamilyClaim {
  method: string;
  sparsity: number;
  seeds: number;
  /** Means over seeds of the mask's family and of random families of its size. */
  family: FamilyStats;
  random: FamilyStats;
}

export interface LabClaims {
  families: FamilyClaim[];
  reexpression: ReexpressionClaim[];
  probes: ProbeComparisonClaim[];
}

const mean = (xs: number[]) => (xs.length === 0 ? NaN : xs.reduce((a, x) => a + x, 0) / xs.length);
function meanStats(all: FamilyStats[]): FamilyStats {
  return {
    size: mean(all.map((s) => s.size)),
    meanD0: mean(all.map((s) => s.meanD0).filter((x) => !Number.isNaN(x))),
    conflictingPairs: mean(all.map((s) => s.conflictingPairs)),
    offClauseWeights: mean(all.map((s) => s.offClauseWeights)),
  };
}

/** `dense`: each seed's dense run (its init weights and final codes at `features`); `probes`: the probe ids to compare (none for the lottery lab). */
export function labClaimsOf(
  results: readonly (LabResult & { masks: Masks })[],
  dense: readonly { seed: number; init: Params; finalCodes: number[][] }[],
  experiment: Experiment,
  features: FeatureSettings,
  probes: readonly string[],
): LabClaims {
  const views = new Map(dense.map((d) => [d.seed, initView(d.init, experiment.shape, experiment.task.clauses, features.tau)]));
  const groups = new Map<string, { method: string; sparsity: number; family: FamilyStats[]; random: FamilyStats[] }>();
  for (const r of results) {
    const view = views.get(r.seed);
    if (!view) continue;
    const key = `${r.method}@${Math.round(r.sparsity * 1e9)}`;
    const g = groups.get(key) ?? { method: r.method, sparsity: r.sparsity, family: [], random: [] };
    const { family, random } = familyAgainstRandom(r.masks, view);
    g.family.push(family);
    g.random.push(random);
    groups.set(key, g);
  }
  const codesOf = new Map(dense.map((d) => [d.seed, d.finalCodes]));
  return {
    families: [...groups.values()].map((g) => ({ method: g.method, sparsity: g.sparsity, seeds: g.family.length, family: meanStats(g.family), random: meanStats(g.random) })),
    reexpression: reexpressionClaims(
      results.filter((r) => codesOf.has(r.seed)),
      (seed) => codesOf.get(seed)!,
    ),
    probes: probeClaims(results, probes),
  };
}
