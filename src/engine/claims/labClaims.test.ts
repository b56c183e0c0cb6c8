import { describe, expect, it } from 'vitest';
import { type LabResult, probeClaims, reexpressionClaims } from './labClaims';

const r = (method: string, seed: number, sparsity: number, balancedAccuracy: number, codeRecovery: number, codes: number[][] = [[], []]): LabResult => ({
  method,
  seed,
  sparsity,
  balancedAccuracy,
  codeRecovery,
  codes,
});

describe('claim 4: re-expression pooled over seeds', () => {
  it('counts same row, different row and lost over clauses with a dense code, and the rest apart', () => {
    // Seed 1's dense run: clause 0 on row 2, clause 1 none, clause 2 on rows 0 and 3.
    // Seed 2's dense run: clause 0 on row 1, clause 1 on row 1, clause 2 none.
    const dense = (seed: number) => (seed === 1 ? [[2], [], [0, 3]] : [[1], [1], []]);
    const results = [
      r('imp', 1, 0.8, 0.9, 2 / 3, [[2], [4], []]), // c0 same; c1 no dense code, coded; c2 lost
      r('imp', 2, 0.8, 0.9, 2 / 3, [[0], [1, 2], []]), // c0 different; c1 same; c2 no dense code, not coded
      r('random', 1, 0.8, 0.6, 0, [[], [], [3]]), // c0 lost; c1 apart, not coded; c2 same (row 3)
    ];
    expect(reexpressionClaims(results, dense)).toEqual([
      { method: 'imp', sparsity: 0.8, seeds: 2, sameRow: 2, differentRow: 1, lost: 1, withoutDenseCode: { coded: 1, notCoded: 1 } },
      { method: 'random', sparsity: 0.8, seeds: 1, sameRow: 1, differentRow: 0, lost: 1, withoutDenseCode: { coded: 0, notCoded: 1 } },
    ]);
  });
});

describe('claim 5: each probe against each other method, paired by seed', () => {
  // Four seeds at 0.8. distance − snip in accuracy: 0.02, 0.05, −0.01, 0.04 (mean 0.025, the
  // t-interval straddles 0); distance − random: 0.1, 0.2, 0.15, 0.12 (clearly above 0).
  const acc = { distance: [0.9, 0.95, 0.89, 0.94], snip: [0.88, 0.9, 0.9, 0.9], random: [0.8, 0.75, 0.74, 0.82] };
  const rec = { distance: [0.5, 0.5, 0.5, 0.5], snip: [0.5, 0.5, 0.5, 0.5], random: [0.75, 0.75, 0.75, 0.75] };
  const results = (['distance', 'snip', 'random'] as const).flatMap((m) => acc[m].map((a, i) => r(m, i + 1, 0.8, a, rec[m][i])));
  const claims = probeClaims(results, ['distance']);
  const find = (other: string, metric: string) => claims.find((c) => c.other === other && c.metric === metric)!;

  it('gives wins, ties, losses, the mean paired difference and its t-interval', () => {
    const snip = find('snip', 'balancedAccuracy');
    expect([snip.n, snip.wins, snip.ties, snip.losses]).toEqual([4, 3, 0, 1]);
    expect(snip.meanDifference).toBeCloseTo(0.025, 12);
    // mean ± t(0.975, 3) · s / √4, s = sd of the four differences.
    expect(snip.ci95[0]).toBeCloseTo(-0.0170998, 6);
    expect(snip.ci95[1]).toBeCloseTo(0.0670998, 6);
    expect(snip.verdict).toBe('no clear difference');
  });

  it('says beats when the interval lies above 0, loses when below, and counts exact ties', () => {
    expect(find('random', 'balancedAccuracy').verdict).toBe('beats');
    const recovery = find('random', 'codeRecovery');
    expect([recovery.wins, recovery.ties, recovery.losses]).toEqual([0, 0, 4]);
    // Every difference −0.25: zero spread, a zero-width interval below 0.
    expect(recovery.ci95).toEqual([-0.25, -0.25]);
    expect(recovery.verdict).toBe('loses');
    const tie = find('snip', 'codeRecovery');
    expect([tie.wins, tie.ties, tie.losses, tie.verdict]).toEqual([0, 4, 0, 'no clear difference']);
  });

  it('compares only the probes asked for, at each sparsity both ran, over the seeds both ran', () => {
    expect(claims.map((c) => `${c.probe}-${c.other}-${c.metric}`).sort()).toEqual([
      'distance-random-balancedAccuracy',
      'distance-random-codeRecovery',
      'distance-snip-balancedAccuracy',
      'distance-snip-codeRecovery',
    ]);
    const partial = probeClaims([...results, r('imp', 1, 0.8, 0.99, 1)], ['distance']).find((c) => c.other === 'imp' && c.metric === 'balancedAccuracy')!;
    expect(partial.n).toBe(1);
    expect(partial.ci95).toEqual([-Infinity, Infinity]);
    expect(partial.verdict).toBe('no clear difference');
  });
});
