/** Per-location outcome codes (for drawing) and counts (for legends), from the run analysis. */
import type { RunAnalysis } from '../engine/analysis/runAnalysis';
import { OUTCOME_CONVERGED, OUTCOME_RECRUITED, OUTCOME_REJECTED } from './figures/targetPlots';

/** [m * K] (index j * K + c): OUTCOME_* per location. */
export function outcomeGrid(analysis: RunAnalysis | null, m: number, K: number): Uint8Array {
  const grid = new Uint8Array(m * K);
  if (!analysis) return grid;
  for (const p of analysis.precursors) {
    if (p.row < m && p.clause < K) grid[p.row * K + p.clause] = p.outcome === 'converged' ? OUTCOME_CONVERGED : OUTCOME_REJECTED;
  }
  for (const r of analysis.recruited) if (r.row < m && r.clause < K) grid[r.row * K + r.clause] = OUTCOME_RECRUITED;
  return grid;
}

export function outcomeCounts(analysis: RunAnalysis | null) {
  const converged = analysis?.precursors.filter((p) => p.outcome === 'converged').length ?? 0;
  const precursors = analysis?.precursors.length ?? 0;
  return { precursors, converged, rejected: precursors - converged, recruited: analysis?.recruited.length ?? 0 };
}
