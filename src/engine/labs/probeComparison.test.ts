import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun } from '../analysis/runAnalysis';
import { createTrainer } from '../trainers/createTrainer';
import { buildExperiment } from '../core/experiment';
import { keptBudget } from '../lottery';
import { METHOD_IDS, ProbeComparison, type SeedRun } from './probeComparison';
import { testSet } from '../core/task';
import * as tf from '../trainers/tf';
import { specCodes, specScores } from '../../testing/specReference';

const FS = { tau: 0.3, tauOut: 0.25, r: 1, precursorNeedsReadout: false };
const exp = buildExperiment({
  task: { n: 12, K: 4, k: 3, p: 0.5, q: 0.3 },
  train: { m: 8, optimizer: 'adam', lr: 0.01, adamEpsilon: 1e-7, batch: 64, steps: 150 },
  seeds: { task: 1, init: 2, data: 3, test: 4 },
});

function own(): SeedRun {
  const t = createTrainer('fused-js', { task: exp.task, train: exp.config.train, dataSeed: 3, init: exp.init, masks: null, startStep: 0 });
  t.train(150);
  const final = t.params();
  const a = analyzeRun(
    [
      { step: 0, params: exp.init },
      { step: 150, params: final },
    ],
    exp.shape,
    exp.task.clauses,
    FS,
  );
  const m = exp.evaluator.evaluate(final);
  return { seed: 2, dataSeed: 3, init: exp.init, final, finalCodes: a.finalCodes, balancedAccuracy: m.balancedAccuracy, exactMatch: m.exactMatch };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('the probe comparison', () => {
  it('retrains every method at exactly the same budget for every seed, and scores each', () => {
    const cmp = new ProbeComparison('fused-wasm', exp, own(), FS, { methods: [...METHOD_IDS], sparsities: [0.8], seeds: [2, 9], lambda: 0.5, motionSteps: 20 });
    let guard = 0;
    while (!cmp.finished && guard++ < 100000) cmp.advance(16);
    expect(cmp.results).toHaveLength(9 * 2);
    const data = testSet(exp.task, exp.config.seeds.test);
    const recovered: number[] = [];
    const kept = keptBudget(0.8, exp.shape);
    for (const r of cmp.results) {
      expect(r.kept).toBe(kept);
      expect(r.masks.W1.reduce((a, v) => a + v, 0) + r.masks.W2.reduce((a, v) => a + v, 0)).toBe(kept);
      r.final.W1.forEach((v, i) => r.masks.W1[i] === 0 && expect(v === 0).toBe(true));
      // Every number recomputed from the retrained weights by the SPEC's own arithmetic.
      const ref = specScores(r.final, data, exp.shape);
      expect(ref.clausesWithBothClasses).toBe(exp.shape.K);
      expect(r.balancedAccuracy).toBeCloseTo(ref.balancedAccuracy, 9);
      expect(r.exactMatch).toBeCloseTo(ref.exactMatch, 12);
      const codes = specCodes(r.final, exp.shape, exp.task.clauses, FS.tau, FS.tauOut);
      expect(r.codes).toEqual(codes);
      expect(r.codeRecovery).toBe(codes.filter((rows) => rows.length > 0).length / exp.shape.K);
      const dense = cmp.seedRuns.find((d) => d.seed === r.seed)!;
      const denseCodes = specCodes(dense.final, exp.shape, exp.task.clauses, FS.tau, FS.tauOut);
      expect(dense.finalCodes).toEqual(denseCodes);
      // SPEC 6: a coded clause counts when the mask keeps W1[j, S_c] and W2[c, j] for a j in F_c.
      const { n, m } = exp.shape;
      const keeps = (j: number, c: number) => exp.task.clauses[c].inputs.every((i) => r.masks.W1[j * n + i] === 1) && r.masks.W2[c * m + j] === 1;
      const coded = denseCodes.map((rows, c) => ({ rows, c })).filter((x) => x.rows.length > 0);
      expect(coded.length).toBeGreaterThan(0);
      expect(r.familyRecovery).toBe(coded.filter((x) => x.rows.some((j) => keeps(j, x.c))).length / coded.length);
      recovered.push(r.familyRecovery);
      expect(r.choices !== null).toBe(r.method === 'distance' || r.method === 'motion');
    }
    // Not every mask keeps every family, nor none: the fraction tells masks apart.
    expect(new Set(recovered).size).toBeGreaterThan(1);
    expect(cmp.seedRuns.map((s) => s.seed)).toEqual([2, 9]);
    const p = cmp.progress();
    expect(p.done).toBe(p.total);
    // Masks differ between methods (they are not all the same mask).
    const distinct = new Set(cmp.results.filter((r) => r.seed === 2).map((r) => Array.from(r.masks.W1).join('')));
    expect(distinct.size).toBeGreaterThan(5);
  });
});
