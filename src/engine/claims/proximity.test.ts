/**
 * SPEC 8's claim 1 and 2 numbers on a fixture small enough to count by hand. The expected
 * values are the counts done by hand, and intervals and tests from the formulas as printed in
 * the SPEC (evaluated independently, to 7+ digits).
 */
import { describe, expect, it } from 'vitest';
import type { Outcome } from '../analysis/runAnalysis';
import { pairedT, studentTQuantile, wilson } from './intervals';
import { cochranArmitage, proximityClaim, rejectionClaim, type SeedAnalysis } from './proximity';

// Two seeds of a net with m = 2 rows, K = 2 clauses, k = 2 literals.
// Seed A: d₀ = [[0, 1], [2, 1]], final codes (0, c0) and (1, c1).
// Seed B: d₀ = [[1, 2], [0, 0]], final code (1, c0); clause 1 has none.
const A: SeedAnalysis = {
  d0: [
    [0, 1],
    [2, 1],
  ],
  finalCodes: [[0], [1]],
  precursors: [],
  crowd0: [0, 0],
};
const B: SeedAnalysis = {
  d0: [
    [1, 2],
    [0, 0],
  ],
  finalCodes: [[1], []],
  precursors: [],
  crowd0: [0, 0],
};

describe('claim 1, proximity, pooled over seeds', () => {
  const c = proximityClaim([A, B], 2);

  it('counts locations and final codes per d₀, with Wilson intervals', () => {
    // By hand: d₀ = 0 at A(0,0), B(1,0), B(1,1): codes A(0,0), B(1,0). d₀ = 1 at A(0,1), A(1,1),
    // B(0,0): code A(1,1). d₀ = 2 at A(1,0), B(0,1): no code.
    expect(c.byD0.map((b) => [b.d0, b.locations, b.codes])).toEqual([
      [0, 3, 2],
      [1, 3, 1],
      [2, 2, 0],
    ]);
    expect(c.byD0[0].rate).toBeCloseTo(2 / 3, 12);
    // Wilson 95% (z = 1.959964): (p + z²/2n ± z √(p(1−p)/n + z²/4n²)) / (1 + z²/n).
    expect(c.byD0[0].ci95[0]).toBeCloseTo(0.2076596, 6);
    expect(c.byD0[0].ci95[1]).toBeCloseTo(0.9385081, 6);
    expect(c.byD0[1].ci95[0]).toBeCloseTo(0.0614919, 6);
    expect(c.byD0[1].ci95[1]).toBeCloseTo(0.7923404, 6);
    expect(c.byD0[2].ci95[0]).toBeCloseTo(0, 12);
    expect(c.byD0[2].ci95[1]).toBeCloseTo(0.6576198, 6);
  });

  it('gives the nearer-ratio and a bootstrap interval over whole seeds', () => {
    // Mean d₀ of final codes (0 + 1 + 0) / 3; of all locations (0+1+2+1 + 1+2+0+0) / 8.
    expect(c.meanD0Final).toBeCloseTo(1 / 3, 12);
    expect(c.meanD0All).toBeCloseTo(7 / 8, 12);
    expect(c.nearerRatio).toBeCloseTo(1 / 3 / (7 / 8), 12);
    // Resamples of two seeds are AA (ratio 0.5 / 1), BB (0 / 0.75), or AB (the pooled ratio):
    // each has chance ≥ 1/4, so the 2.5th and 97.5th percentiles are BB's 0 and AA's 0.5.
    expect(c.ci95).toEqual([0, 0.5]);
    expect(c.verdict).toBe('supported');
  });

  it('is inconclusive when the interval straddles 1, contradicted when it lies above', () => {
    // Codes only at the farthest locations: ratio above 1 in every resample.
    const far: SeedAnalysis = {
      d0: [
        [0, 2],
        [2, 0],
      ],
      finalCodes: [[1], [0]],
      precursors: [],
      crowd0: [0, 0],
    };
    expect(proximityClaim([far, far], 2).verdict).toBe('contradicted');
    const near: SeedAnalysis = {
      d0: [
        [0, 2],
        [2, 0],
      ],
      finalCodes: [[0], [1]],
      precursors: [],
      crowd0: [0, 0],
    };
    expect(proximityClaim([far, near], 2).verdict).toBe('inconclusive');
  });
});

/** A seed whose precursors sit on rows of the given crowd₀, with the given outcomes. */
function seedWith(groups: { crowd: number; total: number; rejected: number }[]): SeedAnalysis {
  const crowd0: number[] = [];
  const precursors: { row: number; clause: number; outcome: Outcome }[] = [];
  for (const g of groups)
    for (let i = 0; i < g.total; i++) {
      crowd0.push(g.crowd);
      precursors.push({ row: crowd0.length - 1, clause: 0, outcome: i < g.rejected ? 'rejected' : 'converged' });
    }
  return { d0: [], finalCodes: [], precursors, crowd0 };
}

describe('claim 2, rejection at crowded rows, pooled over seeds', () => {
  // Pooled: crowd₀ 1: 3 of 10 rejected; 2: 4 of 6; 3+: 4 of 4 (one of them at crowd₀ 5).
  const seeds = [
    seedWith([
      { crowd: 1, total: 6, rejected: 2 },
      { crowd: 2, total: 6, rejected: 4 },
    ]),
    seedWith([
      { crowd: 1, total: 4, rejected: 1 },
      { crowd: 3, total: 3, rejected: 3 },
      { crowd: 5, total: 1, rejected: 1 },
    ]),
  ];
  const c = rejectionClaim(seeds);

  it('counts precursors and rejections per bucket, with Wilson intervals', () => {
    expect(c.byCrowd0.map((b) => [b.bucket, b.precursors, b.rejected])).toEqual([
      ['1', 10, 3],
      ['2', 6, 4],
      ['3+', 4, 4],
    ]);
    expect(c.byCrowd0[0].ci95[0]).toBeCloseTo(0.1077913, 6);
    expect(c.byCrowd0[0].ci95[1]).toBeCloseTo(0.6032219, 6);
    expect(c.byCrowd0[1].ci95[0]).toBeCloseTo(0.2999933, 6);
    expect(c.byCrowd0[2].ci95[0]).toBeCloseTo(0.5101092, 6);
    expect(c.byCrowd0[2].ci95[1]).toBeCloseTo(1, 12);
  });

  it('tests the trend by Cochran–Armitage: z and two-sided p as the SPEC writes them', () => {
    // N = 20, p̄ = 11/20; T = 1(3 − 5.5) + 2(4 − 3.3) + 3(4 − 2.2) = 4.3;
    // Var T = 0.55 · 0.45 · (70 − 34²/20) = 3.0195; z = 4.3 / √3.0195.
    expect(c.z).toBeCloseTo(4.3 / Math.sqrt(3.0195), 10);
    expect(c.z).toBeCloseTo(2.4745768, 6);
    expect(c.p).toBeCloseTo(0.0133394, 6);
    expect(c.verdict).toBe('supported');
  });

  it('gives z = 0, p = 1 when the variance is 0, and reads a falling trend as contradicted', () => {
    expect(cochranArmitage([0, 0, 0], [5, 5, 5], [1, 2, 3])).toEqual({ z: 0, p: 1 });
    expect(cochranArmitage([0, 0, 0], [0, 0, 0], [1, 2, 3])).toEqual({ z: 0, p: 1 });
    const falling = rejectionClaim([
      seedWith([
        { crowd: 1, total: 10, rejected: 10 },
        { crowd: 2, total: 10, rejected: 5 },
        { crowd: 3, total: 10, rejected: 0 },
      ]),
    ]);
    expect(falling.z).toBeLessThan(0);
    expect(falling.verdict).toBe('contradicted');
  });
});

describe('the intervals', () => {
  it('Wilson gives [0, 1] for no trials and the textbook interval for 9 of 48', () => {
    expect(wilson(0, 0)).toEqual([0, 1]);
    expect(wilson(9, 48)[0]).toBeCloseTo(0.1019139, 6);
    expect(wilson(9, 48)[1]).toBeCloseTo(0.3193987, 6);
  });

  it('Student t quantiles match the tables', () => {
    expect(studentTQuantile(0.975, 1)).toBeCloseTo(12.7062047, 5);
    expect(studentTQuantile(0.975, 3)).toBeCloseTo(3.1824463, 6);
    expect(studentTQuantile(0.975, 7)).toBeCloseTo(2.3646243, 6);
    expect(studentTQuantile(0.975, 19)).toBeCloseTo(2.0930241, 6);
  });

  it('the paired t-interval is mean ± t(0.975, n−1) · s / √n', () => {
    const t = pairedT([0.02, 0.05, -0.01, 0.04]);
    expect(t.mean).toBeCloseTo(0.025, 12);
    expect(t.ci95[0]).toBeCloseTo(-0.0170998, 6);
    expect(t.ci95[1]).toBeCloseTo(0.0670998, 6);
    expect(pairedT([0.3]).ci95).toEqual([-Infinity, Infinity]);
  });
});
