/**
 * Claims 1 and 2 across seeds (SPEC 8), pooled over the seeds' dense runs:
 *   claim 1, proximity: P(final code | d₀) with Wilson intervals, and the nearer-ratio
 *     mean d₀(final codes) / mean d₀(all locations) with a bootstrap interval over seeds;
 *   claim 2, rejection at crowded rows: rejection by crowd₀ bucket with Wilson intervals, and
 *     the Cochran–Armitage trend test.
 * Each verdict word follows from its interval or test exactly as SPEC 8 says.
 */
import type { Outcome } from '../analysis/runAnalysis';
import { bootstrapInterval, normalCdf, wilson } from './intervals';

/** What claims 1 and 2 need of one seed's dense run (a RunAnalysis has all of it). */
export interface SeedAnalysis {
  /** [m][K]: d₀(j, c). */
  d0: number[][];
  /** F_c per clause. */
  finalCodes: number[][];
  precursors: { row: number; clause: number; outcome: Outcome }[];
  /** [m]: clauses for which the row is a precursor at init. */
  crowd0: number[];
}

export type Verdict = 'supported' | 'contradicted' | 'inconclusive';

export interface ProximityClaim {
  byD0: { d0: number; locations: number; codes: number; rate: number; ci95: [number, number] }[];
  meanD0Final: number;
  meanD0All: number;
  nearerRatio: number;
  ci95: [number, number];
  verdict: Verdict;
}

export interface RejectionClaim {
  byCrowd0: { bucket: '1' | '2' | '3+'; precursors: number; rejected: number; rate: number; ci95: [number, number] }[];
  z: number;
  p: number;
  verdict: Verdict;
}

/** Pooled sums of d₀ over all locations and over final codes, with their counts. */
function d0Sums(seeds: readonly SeedAnalysis[]) {
  let all = 0,
    allN = 0,
    fin = 0,
    finN = 0;
  for (const s of seeds) {
    s.d0.forEach((row, j) =>
      row.forEach((d, c) => {
        all += d;
        allN++;
        if (s.finalCodes[c].includes(j)) {
          fin += d;
          finN++;
        }
      }),
    );
  }
  return { meanAll: all / allN, meanFinal: fin / finN };
}

/** Claim 1 over `seeds`; k is the clause length (d₀ runs over 0..k). */
export function proximityClaim(seeds: readonly SeedAnalysis[], k: number): ProximityClaim {
  const locations = new Array(k + 1).fill(0);
  const codes = new Array(k + 1).fill(0);
  for (const s of seeds)
    s.d0.forEach((row, j) =>
      row.forEach((d, c) => {
        locations[d]++;
        if (s.finalCodes[c].includes(j)) codes[d]++;
      }),
    );
  const byD0 = locations.map((n: number, d: number) => ({ d0: d, locations: n, codes: codes[d], rate: n === 0 ? NaN : codes[d] / n, ci95: wilson(codes[d], n) }));
  const { meanAll, meanFinal } = d0Sums(seeds);
  const ci95 = bootstrapInterval(seeds, (sample) => {
    const r = d0Sums(sample);
    return r.meanFinal / r.meanAll;
  });
  const verdict: Verdict = ci95[1] < 1 ? 'supported' : ci95[0] > 1 ? 'contradicted' : 'inconclusive';
  return { byD0, meanD0Final: meanFinal, meanD0All: meanAll, nearerRatio: meanFinal / meanAll, ci95, verdict };
}

/** Cochran–Armitage trend test of rejected/precursors over scores t (SPEC 8's formula). */
export function cochranArmitage(rejected: readonly number[], precursors: readonly number[], scores: readonly number[]): { z: number; p: number } {
  const N = precursors.reduce((a, n) => a + n, 0);
  if (N === 0) return { z: 0, p: 1 };
  const pBar = rejected.reduce((a, r) => a + r, 0) / N;
  let T = 0,
    tt = 0,
    tn = 0;
  scores.forEach((t, i) => {
    T += t * (rejected[i] - precursors[i] * pBar);
    tt += t * t * precursors[i];
    tn += t * precursors[i];
  });
  const variance = pBar * (1 - pBar) * (tt - (tn * tn) / N);
  if (!(variance > 0)) return { z: 0, p: 1 };
  const z = T / Math.sqrt(variance);
  return { z, p: 2 * (1 - normalCdf(Math.abs(z))) };
}

/** Claim 2 over `seeds`: buckets crowd₀ = 1, 2, 3+ with scores 1, 2, 3. */
export function rejectionClaim(seeds: readonly SeedAnalysis[]): RejectionClaim {
  const precursors = [0, 0, 0];
  const rejected = [0, 0, 0];
  for (const s of seeds)
    for (const p of s.precursors) {
      const b = Math.min(3, Math.max(1, s.crowd0[p.row])) - 1;
      precursors[b]++;
      if (p.outcome === 'rejected') rejected[b]++;
    }
  const labels = ['1', '2', '3+'] as const;
  const byCrowd0 = labels.map((bucket, i) => ({
    bucket,
    precursors: precursors[i],
    rejected: rejected[i],
    rate: precursors[i] === 0 ? NaN : rejected[i] / precursors[i],
    ci95: wilson(rejected[i], precursors[i]),
  }));
  const { z, p } = cochranArmitage(rejected, precursors, [1, 2, 3]);
  const verdict: Verdict = p < 0.05 && z > 0 ? 'supported' : p < 0.05 && z < 0 ? 'contradicted' : 'inconclusive';
  return { byCrowd0, z, p, verdict };
}
