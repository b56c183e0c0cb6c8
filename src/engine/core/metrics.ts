/**
 * Test-set metrics (SPEC 3), computed in plain typed arrays from parameters, so every
 * backend's weights are scored by the same code.
 *
 * Balanced accuracy of clause c = (TPR + TNR) / 2; the reported number is the mean over the
 * clauses with both positives and negatives in the set (see balancedAccuracy below).
 * A prediction is positive when the logit is > 0 (sigmoid > 0.5).
 */
import type { Batch, Metrics, Params } from './types';

/** Scores parameters on one fixed data set. */
export interface TestScorer {
  evaluate(params: Params): Metrics;
}

/**
 * Scores parameters on one fixed data set in plain float64 JavaScript; the set's active inputs
 * are indexed once. The reference for kernel/wasmEvaluator.ts, and the scorer where WebAssembly
 * SIMD is missing.
 */
export class Evaluator implements TestScorer {
  private readonly n: number;
  private readonly K: number;
  /** For sample s: active[offsets[s] .. offsets[s+1]) are the inputs that are 1. */
  private readonly active: Int32Array;
  private readonly offsets: Int32Array;

  constructor(
    private readonly data: Batch,
    n: number,
    K: number,
  ) {
    this.n = n;
    this.K = K;
    const offsets = new Int32Array(data.size + 1);
    const list: number[] = [];
    for (let s = 0; s < data.size; s++) {
      for (let i = 0; i < n; i++) if (data.x[s * n + i] !== 0) list.push(i);
      offsets[s + 1] = list.length;
    }
    this.active = Int32Array.from(list);
    this.offsets = offsets;
  }

  evaluate(params: Params): Metrics {
    const { n, K, active, offsets } = this;
    const { y, size } = this.data;
    const m = params.b1.length;
    const { W1, b1, W2, b2 } = params;
    const W1T = new Float64Array(n * m);
    for (let j = 0; j < m; j++) for (let i = 0; i < n; i++) W1T[i * m + j] = W1[j * n + i];
    const h = new Float64Array(m);
    const tp = new Float64Array(K);
    const pos = new Float64Array(K);
    const tn = new Float64Array(K);
    let lossSum = 0;
    let exact = 0;
    for (let s = 0; s < size; s++) {
      for (let j = 0; j < m; j++) h[j] = b1[j];
      for (let a = offsets[s]; a < offsets[s + 1]; a++) {
        const wo = active[a] * m;
        for (let j = 0; j < m; j++) h[j] += W1T[wo + j];
      }
      for (let j = 0; j < m; j++) if (h[j] < 0) h[j] = 0;
      let allRight = true;
      for (let c = 0; c < K; c++) {
        let z = b2[c];
        const wo = c * m;
        for (let j = 0; j < m; j++) z += W2[wo + j] * h[j];
        const t = y[s * K + c];
        lossSum += Math.max(z, 0) - z * t + Math.log1p(Math.exp(-Math.abs(z)));
        const predicted = z > 0 ? 1 : 0;
        if (t === 1) {
          pos[c]++;
          if (predicted === 1) tp[c]++;
        } else if (predicted === 0) tn[c]++;
        if (predicted !== t) allRight = false;
      }
      if (allRight) exact++;
    }
    return { loss: lossSum / (size * K), balancedAccuracy: balancedAccuracy(tp, pos, tn, size), exactMatch: exact / size };
  }
}

/**
 * Mean over clauses of (TPR + TNR) / 2, over the clauses whose test set has both positives and
 * negatives: a clause with only one class has no balanced accuracy and is left out (SPEC 3 as
 * its recomputation reads it). Only when no clause has both does each clause count with the one
 * rate it has, so the number stays defined.
 */
export function balancedAccuracy(tp: ArrayLike<number>, pos: ArrayLike<number>, tn: ArrayLike<number>, size: number): number {
  let both = 0,
    sumBoth = 0,
    sumAny = 0;
  for (let c = 0; c < pos.length; c++) {
    const neg = size - pos[c];
    const tpr = pos[c] > 0 ? tp[c] / pos[c] : NaN;
    const tnr = neg > 0 ? tn[c] / neg : NaN;
    if (pos[c] > 0 && neg > 0) {
      both++;
      sumBoth += (tpr + tnr) / 2;
    }
    sumAny += Number.isNaN(tpr) ? tnr : Number.isNaN(tnr) ? tpr : (tpr + tnr) / 2;
  }
  return both > 0 ? sumBoth / both : sumAny / pos.length;
}
