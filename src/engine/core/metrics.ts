/**
 * Test-set metrics (SPEC 3), computed in plain typed arrays from parameters, so every
 * backend's weights are scored by the same code.
 *
 * Balanced accuracy of clause c = (TPR + TNR) / 2; a clause with no positives (or no
 * negatives) in the set uses the one rate it has. The reported number is the mean over clauses.
 * A prediction is positive when the logit is > 0 (sigmoid > 0.5).
 */
import type { Batch, Metrics, Params } from './types';

/** Scores parameters on one fixed data set; the set's active inputs are indexed once. */
export class Evaluator {
  private readonly n: number;
  private readonly K: number;
  /** For sample s: active[offsets[s] .. offsets[s+1]) are the inputs that are 1. */
  private readonly active: Int32Array;
  private readonly offsets: Int32Array;

  constructor(private readonly data: Batch, n: number, K: number) {
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
    let ba = 0;
    for (let c = 0; c < K; c++) {
      const neg = size - pos[c];
      const tpr = pos[c] > 0 ? tp[c] / pos[c] : NaN;
      const tnr = neg > 0 ? tn[c] / neg : NaN;
      ba += Number.isNaN(tpr) ? tnr : Number.isNaN(tnr) ? tpr : (tpr + tnr) / 2;
    }
    return { loss: lossSum / (size * K), balancedAccuracy: ba / K, exactMatch: exact / size };
  }
}
