/**
 * Claims 4 and 5 across seeds (SPEC 8), from a lab's retrained masks:
 *   claim 4, re-expression: per method and sparsity, pooled over seeds, where each clause that
 *     had a dense final code went (same row, different row, lost); clauses with no dense code
 *     are counted apart;
 *   claim 5, probes against the other finders: per sparsity, each probe against each other
 *     method, paired by seed, on balanced accuracy and exact code recovery: wins, ties and
 *     losses, the mean difference with its 95% paired t-interval, and a verdict.
 */
import { reexpression } from '../lottery/reexpression';
import { pairedT } from './intervals';

/** One retrained mask, as the claims read it. */
export interface LabResult {
  method: string;
  seed: number;
  sparsity: number;
  balancedAccuracy: number;
  /** Fraction of clauses with a code after retraining. */
  codeRecovery: number;
  /** Rows coding each clause after retraining. */
  codes: number[][];
}

export interface ReexpressionClaim {
  method: string;
  sparsity: number;
  seeds: number;
  sameRow: number;
  differentRow: number;
  lost: number;
  /** Clauses whose seed's dense run had no code: coded or not after retraining. */
  withoutDenseCode: { coded: number; notCoded: number };
}

export type ProbeVerdict = 'beats' | 'loses' | 'no clear difference';

export interface ProbeComparisonClaim {
  sparsity: number;
  probe: string;
  other: string;
  metric: 'balancedAccuracy' | 'codeRecovery';
  /** Seeds that both methods ran. */
  n: number;
  wins: number;
  ties: number;
  losses: number;
  meanDifference: number;
  ci95: [number, number];
  verdict: ProbeVerdict;
}

/** Sparsities compare equal to 1e-9 (IMP and one-shot write them through different arithmetic). */
const key = (method: string, sparsity: number) => `${method}@${Math.round(sparsity * 1e9)}`;

function groups(results: readonly LabResult[]): Map<string, LabResult[]> {
  const out = new Map<string, LabResult[]>();
  for (const r of results) out.set(key(r.method, r.sparsity), [...(out.get(key(r.method, r.sparsity)) ?? []), r]);
  return out;
}

/** Claim 4. `denseCodes(seed)`: F_c per clause of that seed's dense run. */
export function reexpressionClaims(results: readonly LabResult[], denseCodes: (seed: number) => number[][]): ReexpressionClaim[] {
  return [...groups(results).values()].map((g) => {
    const c: ReexpressionClaim = { method: g[0].method, sparsity: g[0].sparsity, seeds: g.length, sameRow: 0, differentRow: 0, lost: 0, withoutDenseCode: { coded: 0, notCoded: 0 } };
    for (const r of g) {
      const dense = denseCodes(r.seed);
      reexpression(dense, r.codes).forEach((where, clause) => {
        if (dense[clause].length === 0) {
          if (r.codes[clause].length > 0) c.withoutDenseCode.coded++;
          else c.withoutDenseCode.notCoded++;
        } else if (where === 'same-row') c.sameRow++;
        else if (where === 'different-row') c.differentRow++;
        else c.lost++;
      });
    }
    return c;
  });
}

/** Differences smaller than this count as ties (float noise, not a difference). */
export const TIE = 1e-12;

/** Claim 5 for each probe in `probes` against every other method, at every sparsity they share. */
export function probeClaims(results: readonly LabResult[], probes: readonly string[]): ProbeComparisonClaim[] {
  const byKey = groups(results);
  const sparsities = [...new Set(results.map((r) => Math.round(r.sparsity * 1e9)))].sort((a, b) => a - b).map((s) => s / 1e9);
  const methods = [...new Set(results.map((r) => r.method))];
  const out: ProbeComparisonClaim[] = [];
  for (const sparsity of sparsities) {
    for (const probe of probes) {
      const mine = byKey.get(key(probe, sparsity));
      if (!mine) continue;
      for (const other of methods) {
        if (other === probe) continue;
        const theirs = byKey.get(key(other, sparsity));
        if (!theirs) continue;
        for (const metric of ['balancedAccuracy', 'codeRecovery'] as const) {
          const diffs = mine.flatMap((a) => {
            const b = theirs.find((x) => x.seed === a.seed);
            return b ? [a[metric] - b[metric]] : [];
          });
          const t = pairedT(diffs);
          const verdict: ProbeVerdict = t.ci95[0] > 0 ? 'beats' : t.ci95[1] < 0 ? 'loses' : 'no clear difference';
          out.push({
            sparsity,
            probe,
            other,
            metric,
            n: diffs.length,
            wins: diffs.filter((d) => d > TIE).length,
            ties: diffs.filter((d) => Math.abs(d) <= TIE).length,
            losses: diffs.filter((d) => d < -TIE).length,
            meanDifference: t.mean,
            ci95: t.ci95,
            verdict,
          });
        }
      }
    }
  }
  return out;
}
