import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeRun } from './analysis';
import { createTrainer } from './createTrainer';
import { buildExperiment } from './experiment';
import { keptBudget } from './lottery';
import { METHOD_IDS, ProbeComparison, type SeedRun } from './probeComparison';
import * as tf from './tf';

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
  const a = analyzeRun([{ step: 0, params: exp.init }, { step: 150, params: final }], exp.shape, exp.task.clauses, FS);
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
    const kept = keptBudget(0.8, exp.shape);
    for (const r of cmp.results) {
      expect(r.kept).toBe(kept);
      expect(r.masks.W1.reduce((a, v) => a + v, 0) + r.masks.W2.reduce((a, v) => a + v, 0)).toBe(kept);
      r.final.W1.forEach((v, i) => r.masks.W1[i] === 0 && expect(v === 0).toBe(true));
      expect(r.balancedAccuracy).toBeGreaterThan(0.3);
      expect(r.codeRecovery >= 0 && r.codeRecovery <= 1).toBe(true);
      expect(Number.isNaN(r.familyRecovery) || (r.familyRecovery >= 0 && r.familyRecovery <= 1)).toBe(true);
      expect(r.choices !== null).toBe(r.method === 'distance' || r.method === 'motion');
    }
    expect(cmp.seedRuns.map((s) => s.seed)).toEqual([2, 9]);
    const p = cmp.progress();
    expect(p.done).toBe(p.total);
    // Masks differ between methods (they are not all the same mask).
    const distinct = new Set(cmp.results.filter((r) => r.seed === 2).map((r) => Array.from(r.masks.W1).join('')));
    expect(distinct.size).toBeGreaterThan(5);
  });
});
