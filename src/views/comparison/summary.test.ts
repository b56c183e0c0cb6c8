import { describe, expect, it } from 'vitest';
import type { ComparisonResult } from '../../engine/labs/probeComparison';
import { comparisonCsv, summarizeMethods, verdict } from './summary';

const r = (method: ComparisonResult['method'], seed: number, ba: number): ComparisonResult =>
  ({
    method,
    seed,
    sparsity: 0.8,
    kept: 115,
    balancedAccuracy: ba,
    exactMatch: 0.5,
    codeRecovery: 0.25,
    familyRecovery: NaN,
    codes: [],
    reexpression: [],
    choices: null,
    supported: new Uint8Array(),
    masks: { W1: new Uint8Array(), W2: new Uint8Array() },
    final: { W1: new Float32Array(), b1: new Float32Array(), W2: new Float32Array(), b2: new Float32Array() },
  }) as ComparisonResult;

describe('probe comparison summaries', () => {
  const results = [r('distance', 1, 0.97), r('distance', 2, 0.95), r('snip', 1, 0.96), r('snip', 2, 0.9)];

  it('states which method led at a sparsity, by how much and in how many seeds, from the numbers', () => {
    expect(verdict(results, 115)).toBe('At 80% sparsity, distance led on balanced accuracy (96.0% mean), 3.0 points above snip (93.0%); it was best in 2 of 2 seeds.');
    expect(verdict([r('a' as never, 1, 0.9), r('b' as never, 1, 0.9)], 115)).toMatch(/tied/);
  });

  it('averages over seeds and writes one CSV row per method, sparsity and seed', () => {
    const s = summarizeMethods(results);
    const snip = s.find((l) => l.method === 'snip')!.balancedAccuracy;
    expect(snip).toMatchObject({ min: 0.9, max: 0.96, n: 2 });
    expect(snip.mean).toBeCloseTo(0.93, 12);
    const csv = comparisonCsv(results).trim().split('\r\n');
    expect(csv).toHaveLength(5);
    expect(csv[1]).toBe('distance,0.8,115,1,0.97,0.5,0.25,');
  });
});
