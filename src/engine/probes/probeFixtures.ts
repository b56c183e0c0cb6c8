/** Test-only fixtures shared by the probe tests. */
import { keptBudget, maskedCount } from '../lottery/budget';
import { initParams } from '../core/params';
import { generateTask, trainingBatch } from '../core/task';
import * as tf from '../trainers/tf';
import type { Batch, Masks, Params, Shape } from '../core/types';

/** Params with the given W1 rows ([m][n]) and W2 (flat [K*m], default small and equal). */
export function paramsFrom(rows: number[][], K: number, W2?: number[]): Params {
  const m = rows.length;
  return {
    W1: Float32Array.from(rows.flat()),
    b1: new Float32Array(m),
    W2: W2 ? Float32Array.from(W2) : new Float32Array(K * m).fill(0.01),
    b2: new Float32Array(K),
  };
}

/**
 * Runs a batch-based probe on the first training batch at the default sizes, at five
 * sparsities: the weights each mask keeps, the budgets asked for, and the tfjs tensors left behind.
 */
export function budgetsAtDefaultSizes(probe: (p: Params, batch: Batch, shape: Shape, kept: number) => Masks) {
  const shape = { n: 24, m: 16, K: 12 };
  const task = generateTask({ n: 24, K: 12, k: 3, p: 0.5, q: 0.25 }, 1);
  const batch = trainingBatch(task, 256, 2, 0);
  const before = tf.memory().numTensors;
  const budgets = [0.5, 0.7, 0.8, 0.9, 0.95].map((s) => keptBudget(s, shape));
  const kept = budgets.map((b) => maskedCount(probe(initParams(shape, 3), batch, shape, b)));
  return { kept, budgets, tensorsLeft: tf.memory().numTensors - before };
}
