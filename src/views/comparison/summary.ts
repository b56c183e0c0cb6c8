/**
 * Plain summaries of the probe comparison (SPEC 6): per method and sparsity the mean and
 * spread over seeds, a one-line verdict per sparsity computed from the numbers, and the CSV.
 */
import type { ComparisonResult, MethodId } from '../../engine/labs/probeComparison';
import { toCsv } from '../csv';
import { spread, type Spread } from '../lottery/summary';

export interface MethodLevel {
  method: MethodId;
  sparsity: number;
  kept: number;
  balancedAccuracy: Spread;
  codeRecovery: Spread;
  familyRecovery: Spread;
}

export function summarizeMethods(results: readonly ComparisonResult[]): MethodLevel[] {
  const groups = new Map<string, ComparisonResult[]>();
  for (const r of results) groups.set(`${r.method}|${r.kept}`, [...(groups.get(`${r.method}|${r.kept}`) ?? []), r]);
  return [...groups.values()].map((g) => ({
    method: g[0].method,
    sparsity: g[0].sparsity,
    kept: g[0].kept,
    balancedAccuracy: spread(g.map((r) => r.balancedAccuracy)),
    codeRecovery: spread(g.map((r) => r.codeRecovery)),
    familyRecovery: spread(g.map((r) => r.familyRecovery).filter((v) => !Number.isNaN(v))),
  }));
}

const pct = (v: number) => `${(100 * v).toFixed(1)}%`;

/**
 * "At 80% sparsity, distance led on balanced accuracy (97.1% mean), 1.2 points above oneshot
 * (95.9%); it was best in 4 of 5 seeds." Ties within 0.05 points are called ties.
 */
export function verdict(results: readonly ComparisonResult[], kept: number): string {
  const at = results.filter((r) => r.kept === kept);
  const levels = summarizeMethods(at).sort((a, b) => b.balancedAccuracy.mean - a.balancedAccuracy.mean);
  if (levels.length === 0) return '';
  const s = `At ${Math.round(100 * levels[0].sparsity)}% sparsity`;
  if (levels.length === 1) return `${s}, only ${levels[0].method} ran (${pct(levels[0].balancedAccuracy.mean)}).`;
  const [first, second] = levels;
  const gap = 100 * (first.balancedAccuracy.mean - second.balancedAccuracy.mean);
  const seeds = [...new Set(at.map((r) => r.seed))];
  const wins = seeds.filter((seed) => {
    const mine = at.filter((r) => r.seed === seed);
    const best = Math.max(...mine.map((r) => r.balancedAccuracy));
    return mine.find((r) => r.method === first.method)?.balancedAccuracy === best;
  }).length;
  if (gap < 0.05) return `${s}, ${first.method} and ${second.method} tied on balanced accuracy (${pct(first.balancedAccuracy.mean)} mean over ${seeds.length} seed${seeds.length > 1 ? 's' : ''}).`;
  return `${s}, ${first.method} led on balanced accuracy (${pct(first.balancedAccuracy.mean)} mean), ${gap.toFixed(1)} points above ${second.method} (${pct(second.balancedAccuracy.mean)}); it was best in ${wins} of ${seeds.length} seed${seeds.length > 1 ? 's' : ''}.`;
}

export const COMPARISON_CSV_HEADER = ['method', 'sparsity', 'kept', 'seed', 'balancedAccuracy', 'exactMatch', 'codeRecovery', 'familyRecovery'];

/** One record per method, sparsity and seed; numbers in full precision (RFC 4180, see ../csv). */
export function comparisonCsv(results: readonly ComparisonResult[]): string {
  return toCsv(
    COMPARISON_CSV_HEADER,
    results.map((r) => [r.method, r.sparsity, r.kept, r.seed, r.balancedAccuracy, r.exactMatch, r.codeRecovery, r.familyRecovery]),
  );
}
