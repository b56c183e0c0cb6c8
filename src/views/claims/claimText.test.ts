import { describe, expect, it } from 'vitest';
import type { ProbeComparisonClaim } from '../../engine/claims/labClaims';
import { list, probeVerdictLines, proximitySentence, rejectionSentence } from './claimText';

const claim = (sparsity: number, other: string, verdict: ProbeComparisonClaim['verdict'], metric: ProbeComparisonClaim['metric'] = 'balancedAccuracy'): ProbeComparisonClaim => ({
  sparsity,
  probe: 'distance',
  other,
  metric,
  n: 5,
  wins: 0,
  ties: 0,
  losses: 0,
  meanDifference: 0,
  ci95: [0, 0],
  verdict,
});
const LABELS: Record<string, string> = { distance: 'distance', snip: 'SNIP', grasp: 'GraSP', random: 'random', imp: 'IMP' };

describe('claims in words', () => {
  it('lists with a final "and"', () => {
    expect(list(['a'])).toBe('a');
    expect(list(['a', 'b', 'c'])).toBe('a, b and c');
  });

  it('says which methods a probe beats, where, over how many seeds, and which it does not', () => {
    const lines = probeVerdictLines(
      [
        claim(0.8, 'snip', 'beats'),
        claim(0.9, 'snip', 'beats'),
        claim(0.8, 'random', 'beats'),
        claim(0.9, 'random', 'beats'),
        claim(0.9, 'grasp', 'beats'),
        claim(0.8, 'grasp', 'no clear difference'),
        claim(0.8, 'imp', 'loses'),
        claim(0.9, 'imp', 'no clear difference'),
      ],
      (id) => LABELS[id],
    );
    expect(lines).toEqual(['distance beats SNIP and random on accuracy at 80% and 90%; beats GraSP on accuracy at 90% (5 seeds); it does not beat IMP; it loses to IMP (at 80%).']);
  });

  it('follows the verdict, not the sign of a mean', () => {
    expect(probeVerdictLines([claim(0.8, 'snip', 'no clear difference', 'codeRecovery')], (id) => LABELS[id])).toEqual(['distance beats no other method on exact code recovery (5 seeds).']);
    const p = { byD0: [], meanD0Final: 1.2, meanD0All: 1.9, nearerRatio: 0.63, ci95: [0.5, 1.1] as [number, number], verdict: 'inconclusive' as const };
    expect(proximitySentence(p, 8)).toContain('The interval includes 1: inconclusive on these seeds.');
    expect(proximitySentence({ ...p, ci95: [0.5, 0.8], verdict: 'supported' }, 8)).toContain('claim 1 is supported');
    const r = { byCrowd0: [{ bucket: '1' as const, precursors: 10, rejected: 3, rate: 0.3, ci95: [0, 1] as [number, number] }], z: 2.47, p: 0.0133, verdict: 'supported' as const };
    expect(rejectionSentence(r, 8)).toBe('Rejection by crowd₀ (1: 30% of 10); Cochran–Armitage trend z = 2.47, p = 0.013 (8 seeds). Rejection rises with crowding: claim 2 is supported.');
  });
});
