/**
 * Numbers that depend on the analysis settings (τ, τ_out, r, the precursor-readout rule),
 * re-derived from kept weights without retraining (SPEC 7: nothing on screen or in a file mixes
 * thresholds). A lab result keeps its mask and retrained weights; a seed's dense run keeps its
 * initial and final weights. From those, at new settings:
 *   dense final weights ─▶ F_c per seed ─┐
 *   a result's final weights ─▶ codes ───┴─▶ re-expression, code recovery, family recovery
 */
import { locationState, rowsPerClause, type FeatureSettings } from '../analysis/runAnalysis';
import type { Experiment } from '../core/experiment';
import type { Params } from '../core/types';
import { familyRecovery } from '../lottery/support';
import { reexpression, type Reexpression } from '../lottery/reexpression';

/** Rows coding each clause at `params` under `features`. */
export function codesAt(params: Params, experiment: Experiment, features: FeatureSettings): number[][] {
  const { shape, task } = experiment;
  return rowsPerClause(locationState(params, shape, task.clauses, features).codes, shape.m, shape.K);
}

/** What a retrained mask's τ-dependent numbers are, given its seed's dense final codes. */
export function maskNumbers(
  r: { final: Params; supported: Uint8Array },
  denseCodes: number[][],
  experiment: Experiment,
  features: FeatureSettings,
): { codes: number[][]; reexpression: Reexpression[]; codeRecovery: number; familyRecovery: number } {
  const codes = codesAt(r.final, experiment, features);
  const K = experiment.shape.K;
  return {
    codes,
    reexpression: reexpression(denseCodes, codes),
    codeRecovery: codes.filter((rows) => rows.length > 0).length / K,
    familyRecovery: familyRecovery(r.supported, denseCodes, K),
  };
}

/**
 * Re-derives every seed's dense final codes and every result's numbers at `features`.
 * `dense`: each seed's dense run (its `final` weights); results keep every other field.
 */
export function rederive<D extends { seed: number; final: Params; finalCodes: number[][] }, R extends { seed: number; final: Params; supported: Uint8Array; codes: number[][] }>(
  dense: readonly D[],
  results: readonly R[],
  experiment: Experiment,
  features: FeatureSettings,
): { dense: D[]; results: (R & { reexpression: Reexpression[]; codeRecovery: number; familyRecovery: number })[] } {
  const denseOut = dense.map((d) => ({ ...d, finalCodes: codesAt(d.final, experiment, features) }));
  const codesOf = new Map(denseOut.map((d) => [d.seed, d.finalCodes]));
  const resultsOut = results.map((r) => {
    const denseCodes = codesOf.get(r.seed);
    if (!denseCodes) throw new Error(`rederive: no dense run of seed ${r.seed}`);
    return { ...r, ...maskNumbers(r, denseCodes, experiment, features) };
  });
  return { dense: denseOut, results: resultsOut };
}
