import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Evaluator } from '../core/metrics';
import { initParams } from '../core/params';
import { Prng } from '../core/prng';
import { generateTask, sampleBatch } from '../core/task';
import type { Params } from '../core/types';
import { createTrainer } from '../trainers/createTrainer';
import { WasmEvaluator } from './wasmEvaluator';

/** The two scorers on one data set: counts must agree exactly, the loss to float32 rounding of its log1p term. */
function expectSame(n: number, K: number, k: number, size: number, params: Params[], seed: number): void {
  const task = generateTask({ n, K, k, p: 0.5, q: 0.3 }, seed);
  const data = sampleBatch(task, size, new Prng(seed + 1));
  const reference = new Evaluator(data, n, K);
  const wasm = new WasmEvaluator(data, n, K);
  for (const p of params) {
    const a = reference.evaluate(p);
    const b = wasm.evaluate(p);
    expect(b.balancedAccuracy).toBe(a.balancedAccuracy);
    expect(b.exactMatch).toBe(a.exactMatch);
    if (Number.isNaN(a.loss)) expect(b.loss).toBeNaN();
    else expect(Math.abs(b.loss - a.loss)).toBeLessThanOrEqual(1e-7 * Math.max(1, a.loss));
  }
}

describe('WasmEvaluator', () => {
  it('scores random networks of any shape as the float64 JavaScript evaluator does', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 40 }), fc.integer({ min: 1, max: 21 }), fc.integer({ min: 1, max: 13 }), fc.integer({ min: 1, max: 1000 }), (n, m, K, seed) => {
        const k = Math.min(3, n);
        const scaled = (p: Params, f: number): Params => ({ W1: p.W1.map((w) => w * f), b1: p.b1.map((w) => w * f), W2: p.W2.map((w) => w * f), b2: p.b2.map((w) => w * f) });
        const init = initParams({ n, m, K }, seed);
        expectSame(n, K, k, 257, [init, scaled(init, 8), scaled(init, 0)], seed);
      }),
      { numRuns: 40 },
    );
  });

  it('scores a trained default-sized network, a pruned one and a diverged one as the reference does', () => {
    const shape = { n: 24, m: 16, K: 12 };
    const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.3 }, 4);
    const trainer = createTrainer('fused-wasm', {
      task,
      train: { m: 16, batch: 64, lr: 0.01, steps: 400, optimizer: 'adam', adamEpsilon: 1e-7 },
      dataSeed: 9,
      init: initParams(shape, 3),
      masks: null,
      startStep: 0,
    });
    trainer.train(400);
    const trained = trainer.params();
    trainer.dispose();
    const pruned = { ...trained, W1: trained.W1.map((w, i) => (i % 3 === 0 ? 0 : w)) };
    const diverged = { ...trained, b2: trained.b2.map((w, c) => (c === 2 ? Number.NaN : w)) };
    expectSame(24, 12, 3, 2048, [trained, pruned, diverged], 4);
  });
});
